package dev.sluice.connectors.file;

import dev.sluice.batch.Chunk;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * Writes the chunks of one write job under an output directory, one file per partition directory (more
 * with the {@code maxRecordsPerFile} option), named as Spark names them:
 * {@code part-00000-<job uuid>-c000<extension>}, {@code -c001}, ... (files of different jobs never collide). Rows are routed to {@code col=value/} directories ({@link PartitionPaths}) by the partition
 * columns, which are left out of the files. An unpartitioned batch write writes one file even when empty,
 * so the schema is kept (as Spark); the file sink writes no file for a batch without rows. Files are complete only once {@link #write} returns; a failure leaves partial
 * files, which callers that need atomic visibility hide behind a {@link FileSinkLog}. Not thread-safe;
 * one instance per job.
 */
public final class PartitionedFileWriter {
    /** A file written by a job: its status (path, size, modification time) after it was closed. */
    public record WrittenFile(FileStatus status) {
        public Path path() {
            return status.getPath();
        }

        public long size() {
            return status.getLen();
        }
    }

    private final Path root;
    private final FileFormat format;
    private final FormatOptions options;
    private final StructType schema;
    private final int[] partitionIndexes;
    private final int[] dataIndexes;
    private final StructType dataSchema;
    private final ZoneId zone;
    private final String filePrefix;
    private final String extension;
    private final long maxRecordsPerFile;
    private final boolean emptyFileWhenNoRows;

    /** A writer that writes one empty file when an unpartitioned job has no rows (Spark's batch behaviour). */
    public PartitionedFileWriter(Path root, FileFormat format, FormatOptions options, StructType schema,
            List<String> partitionColumns) {
        this(root, format, options, schema, partitionColumns, true);
    }

    /**
     * @param root the output directory, qualified (created when missing)
     * @param schema the schema of the chunks, partition columns included
     * @param partitionColumns the partition columns, in directory order (matched case-insensitively)
     * @param emptyFileWhenNoRows whether an unpartitioned job without rows still writes one (empty) file
     * @throws AnalysisException when a partition column is unknown, or every column is a partition column
     */
    public PartitionedFileWriter(Path root, FileFormat format, FormatOptions options, StructType schema,
            List<String> partitionColumns, boolean emptyFileWhenNoRows) {
        this.emptyFileWhenNoRows = emptyFileWhenNoRows;
        this.root = root;
        this.format = format;
        this.options = options;
        this.schema = schema;
        this.zone = options.zone();
        partitionIndexes = new int[partitionColumns.size()];
        boolean[] isPartition = new boolean[schema.length()];
        for (int i = 0; i < partitionIndexes.length; i++) {
            int index = schema.indexOfIgnoreCase(partitionColumns.get(i));
            if (index < 0) {
                throw new AnalysisException("Partition column `" + partitionColumns.get(i) + "` not found in schema "
                        + schema.simpleString());
            }
            partitionIndexes[i] = index;
            isPartition[index] = true;
        }
        List<StructField> dataFields = new ArrayList<>();
        List<Integer> data = new ArrayList<>();
        for (int i = 0; i < schema.length(); i++) {
            if (!isPartition[i]) {
                dataFields.add(schema.apply(i));
                data.add(i);
            }
        }
        if (dataFields.isEmpty()) {
            throw new AnalysisException("Cannot use all columns for partition columns");
        }
        dataIndexes = data.stream().mapToInt(Integer::intValue).toArray();
        dataSchema = new StructType(dataFields);
        format.checkWritable(dataSchema);
        filePrefix = "part-00000-" + UUID.randomUUID();
        extension = format.extension(options);
        maxRecordsPerFile = dev.sluice.conf.OptionValues.getLong(options.asMap(), "maxRecordsPerFile", 0);
    }

    /** The schema of the rows inside the files (without the partition columns). */
    public StructType dataSchema() {
        return dataSchema;
    }

    /** Writes every chunk and returns the files written, in creation order. */
    public List<WrittenFile> write(Iterable<Chunk> chunks) throws IOException {
        Session session = open();
        try {
            for (Chunk chunk : chunks) {
                session.write(chunk);
            }
        } catch (IOException | RuntimeException | Error e) {
            session.abort();
            throw e;
        }
        return session.finish();
    }

    /** Starts a write whose chunks arrive one at a time ({@link Session#write}), ended by finish or abort. */
    public Session open() throws IOException {
        return new Session();
    }

    /**
     * One write in progress: the open file of each output directory. Chunks are written as they arrive, so
     * only the writers' buffers are held. Used by one thread at a time.
     */
    public final class Session {
        private final Map<String, DirectoryOutput> outputs = new LinkedHashMap<>();
        private final List<Path> files = new ArrayList<>();

        private Session() throws IOException {
            if (partitionIndexes.length == 0 && emptyFileWhenNoRows) {
                output("", outputs).open(files);
            }
        }

        /** Writes one chunk (partition columns included) to the files of its rows' directories. */
        public void write(Chunk chunk) throws IOException {
            if (chunk.rowCount() == 0) {
                return;
            }
            if (partitionIndexes.length == 0) {
                output("", outputs).write(chunk.project(dataIndexes), files);
            } else {
                writePartitioned(chunk, outputs, files);
            }
        }

        /** Closes every file and returns the files written, in creation order. */
        public List<WrittenFile> finish() throws IOException {
            IOException first = closeAll();
            if (first != null) {
                throw first;
            }
            List<WrittenFile> written = new ArrayList<>();
            for (Path path : files) {
                FileStatus status = options.files().statusOrNull(path);
                if (status == null) {
                    throw new java.io.FileNotFoundException("File " + path + " does not exist after it was written");
                }
                written.add(new WrittenFile(status));
            }
            return written;
        }

        /** Closes and deletes the files written so far (none is in any log yet); never throws. */
        public void abort() {
            closeAll();
            for (Path path : files) {
                try {
                    options.files().delete(path, false);
                } catch (IOException | RuntimeException e) {
                    // the file stays as an orphan no log lists; readers through the log never see it
                }
            }
        }

        private IOException closeAll() {
            IOException first = null;
            for (DirectoryOutput output : outputs.values()) {
                try {
                    output.close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            return first;
        }
    }

    private void writePartitioned(Chunk chunk, Map<String, DirectoryOutput> outputs, List<Path> files) throws IOException {
        Map<String, int[]> rowsByDirectory = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        String[] directories = new String[chunk.rowCount()];
        for (int row = 0; row < chunk.rowCount(); row++) {
            StringBuilder dir = new StringBuilder();
            for (int i = 0; i < partitionIndexes.length; i++) {
                int column = partitionIndexes[i];
                if (i > 0) {
                    dir.append('/');
                }
                dir.append(PartitionPaths.directory(schema.apply(column).name(), chunk.column(column).getObject(row),
                        schema.apply(column).dataType(), zone));
            }
            directories[row] = dir.toString();
            counts.merge(directories[row], 1, Integer::sum);
        }
        counts.forEach((dir, count) -> rowsByDirectory.put(dir, new int[count]));
        Map<String, Integer> filled = new LinkedHashMap<>();
        for (int row = 0; row < directories.length; row++) {
            int at = filled.merge(directories[row], 1, Integer::sum) - 1;
            rowsByDirectory.get(directories[row])[at] = row;
        }
        Chunk data = chunk.project(dataIndexes);
        for (Map.Entry<String, int[]> group : rowsByDirectory.entrySet()) {
            int[] rows = group.getValue();
            output(group.getKey(), outputs).write(data.take(rows, rows.length), files);
        }
    }

    private DirectoryOutput output(String directory, Map<String, DirectoryOutput> outputs) {
        return outputs.computeIfAbsent(directory, d -> new DirectoryOutput(d.isEmpty() ? root : new Path(root, d)));
    }

    /**
     * The open file of one output directory; with {@code maxRecordsPerFile} it moves on to the next file
     * ({@code -c001}, {@code -c002}, ...) when the current one is full.
     */
    private final class DirectoryOutput {
        private final Path directory;
        private ChunkWriter writer;
        private long rowsInFile;
        private int fileCounter = -1;

        DirectoryOutput(Path directory) {
            this.directory = directory;
        }

        void open(List<Path> files) throws IOException {
            close();
            fileCounter++;
            // FileSystem.create makes missing parent directories
            Path file = new Path(directory, String.format(Locale.ROOT, "%s-c%03d%s", filePrefix, fileCounter, extension));
            writer = format.create(file, dataSchema, options);
            files.add(file);
            rowsInFile = 0;
        }

        void write(Chunk chunk, List<Path> files) throws IOException {
            int from = 0;
            while (from < chunk.rowCount()) {
                if (writer == null || (maxRecordsPerFile > 0 && rowsInFile >= maxRecordsPerFile)) {
                    open(files);
                }
                long room = maxRecordsPerFile > 0 ? maxRecordsPerFile - rowsInFile : Long.MAX_VALUE;
                int to = (int) Math.min(chunk.rowCount(), from + room);
                writer.write(from == 0 && to == chunk.rowCount() ? chunk : chunk.copyRange(from, to));
                rowsInFile += to - from;
                from = to;
            }
        }

        void close() throws IOException {
            if (writer != null) {
                ChunkWriter closing = writer;
                writer = null;
                closing.close();
            }
        }
    }
}
