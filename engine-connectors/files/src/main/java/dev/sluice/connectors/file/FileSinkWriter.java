package dev.sluice.connectors.file;

import dev.sluice.batch.Chunk;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.fs.Path;

/**
 * Writes the output of micro-batches to a directory with exactly-once visibility, as Spark's file sink:
 * each batch's rows go to new uniquely named files ({@link PartitionedFileWriter}), then the batch is
 * committed by writing its file list to the {@link FileSinkLog} (a batch without rows commits an empty
 * list and writes no file). Readers that list the directory through
 * the log see a batch's files all at once, or not at all.
 *
 * <p>Crash behaviour: a crash before the commit leaves files no reader sees; re-running the batch writes
 * new files and commits those. Beyond Spark, which leaves them, the first batch after a (re)start deletes such
 * leftovers: {@code part-*} files under the folder that the log does not list (often 0 bytes after a kill -9,
 * and unreadable to tools that list the folder without the log), and temporary files of the log. The output
 * folder belongs to the sink: files written there by anything else must not be named {@code part-*}. Re-running a batch id at or below the latest committed one writes nothing
 * (the engine may replay the last batch after a restart), as Spark. If two writers race on one batch id,
 * the loser deletes the files it wrote. Data files are never renamed, so this holds on object stores too.
 *
 * <p>Threading: one writer per sink, called by one thread at a time (the query's micro-batch thread).
 */
public final class FileSinkWriter {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FileSinkWriter.class);
    private final Path outputDirectory;
    private final FileFormat format;
    private final FormatOptions options;
    private final List<String> partitionColumns;
    private final FileSinkLog log;
    private boolean leftoversChecked;

    /**
     * @param outputDirectory the sink directory, qualified (created when missing); the log lives in its
     *     {@code _spark_metadata} sub-directory
     * @param partitionColumns columns to partition the output by, possibly empty
     * @param logSettings compaction and clean-up of the log ({@code spark.sql.streaming.fileSink.log.*})
     */
    public FileSinkWriter(Path outputDirectory, FileFormat format, FormatOptions options, List<String> partitionColumns,
            CompactibleFileLog.Settings logSettings) {
        this.outputDirectory = Objects.requireNonNull(outputDirectory, "outputDirectory is null");
        this.format = Objects.requireNonNull(format, "format is null");
        this.options = Objects.requireNonNull(options, "options is null");
        this.partitionColumns = List.copyOf(partitionColumns);
        this.log = new FileSinkLog(options.files(), outputDirectory, logSettings);
    }

    /** A writer with Spark's default log settings. */
    public FileSinkWriter(Path outputDirectory, FileFormat format, FormatOptions options, List<String> partitionColumns) {
        this(outputDirectory, format, options, partitionColumns, CompactibleFileLog.Settings.defaults());
    }

    /** The commit log of this sink. */
    public FileSinkLog log() {
        return log;
    }

    /**
     * Writes and commits batch {@code batchId}.
     *
     * @param schema the schema of {@code chunks}, partition columns included
     * @return false when the batch was already committed (nothing was written)
     */
    public boolean addBatch(long batchId, StructType schema, List<Chunk> chunks) throws IOException {
        BatchFiles batch = begin(batchId, schema);
        if (batch == null) {
            return false;
        }
        try {
            for (Chunk chunk : chunks) {
                batch.write(chunk);
            }
        } catch (IOException | RuntimeException | Error e) {
            batch.abort();
            throw e;
        }
        return batch.commit();
    }

    /**
     * Starts writing batch {@code batchId}, whose chunks then arrive one at a time; null when the batch was
     * already committed (nothing is to be written).
     *
     * @param schema the schema of the chunks, partition columns included
     */
    public BatchFiles begin(long batchId, StructType schema) throws IOException {
        if (log.isCommitted(batchId)) {
            return null;
        }
        if (!leftoversChecked) {
            deleteUncommittedFiles();
            leftoversChecked = true;
        }
        options.files().mkdirs(outputDirectory);
        // the log folder exists before any data file, so a restart after a kill in batch 0 finds a log that
        // proves the batch's files uncommitted
        options.files().mkdirs(log.directory());
        PartitionedFileWriter writer = new PartitionedFileWriter(outputDirectory, format, options, schema, partitionColumns,
                false);
        return new BatchFiles(batchId, writer.open());
    }

    /**
     * Deletes what a killed writer left (see the class comment): {@code part-*} files the log does not list, and
     * the log's temporary files. Only when the log folder exists: without it the folder is not (yet) this sink's.
     *
     * @return how many files were deleted
     */
    int deleteUncommittedFiles() throws IOException {
        FileAccess files = options.files();
        if (!files.isDirectory(log.directory())) {
            return 0;
        }
        java.util.Set<String> committed = new java.util.HashSet<>();
        for (FileSinkLog.Entry entry : log.allFiles()) {
            committed.add(key(entry.hadoopPath()));
        }
        List<Path> leftovers = new ArrayList<>();
        collectLeftovers(files, outputDirectory, committed, leftovers);
        for (org.apache.hadoop.fs.FileStatus status : files.list(log.directory())) {
            String name = status.getPath().getName();
            if (name.startsWith(".") && name.endsWith(".tmp")) {
                leftovers.add(status.getPath());
            }
        }
        for (Path p : leftovers) {
            files.delete(p, false);
        }
        if (!leftovers.isEmpty()) {
            LOG.info("Deleted {} file(s) of {} that no committed batch lists (left by a killed writer): {}",
                    leftovers.size(), outputDirectory, leftovers.size() <= 5 ? leftovers : leftovers.subList(0, 5));
        }
        return leftovers.size();
    }

    /** A file's identity whatever the URI's spelling ({@code file:/a} and {@code file:///a} are one file). */
    private static String key(Path path) {
        java.net.URI uri = path.toUri();
        return uri.getScheme() + "://" + (uri.getAuthority() == null ? "" : uri.getAuthority()) + uri.getPath();
    }

    private static void collectLeftovers(FileAccess files, Path directory, java.util.Set<String> committed, List<Path> out)
            throws IOException {
        for (org.apache.hadoop.fs.FileStatus status : files.list(directory)) {
            String name = status.getPath().getName();
            if (status.isDirectory()) {
                if (!name.startsWith("_") && !name.startsWith(".")) {
                    collectLeftovers(files, status.getPath(), committed, out); // partition folders col=value
                }
            } else if (name.startsWith("part-") && !committed.contains(key(status.getPath()))) {
                out.add(status.getPath());
            }
        }
    }

    /** The files of one batch being written: {@link #write} per chunk, then {@link #commit} or {@link #abort}. */
    public final class BatchFiles {
        private final long batchId;
        private final PartitionedFileWriter.Session session;

        private BatchFiles(long batchId, PartitionedFileWriter.Session session) {
            this.batchId = batchId;
            this.session = session;
        }

        /** Writes one chunk of the batch to its files. */
        public void write(Chunk chunk) throws IOException {
            session.write(chunk);
        }

        /**
         * Closes the files and commits them under the batch id in the log; false (files deleted) when another
         * writer committed the batch first.
         */
        public boolean commit() throws IOException {
            List<PartitionedFileWriter.WrittenFile> written = session.finish();
            List<FileSinkLog.Entry> entries = new ArrayList<>();
            for (PartitionedFileWriter.WrittenFile file : written) {
                entries.add(FileSinkLog.Entry.added(file.status()));
            }
            if (!log.add(batchId, entries)) {
                for (PartitionedFileWriter.WrittenFile file : written) {
                    options.files().delete(file.path(), false);
                }
                return false;
            }
            return true;
        }

        /** Drops the batch: closes and deletes its files (none is in the log). */
        public void abort() {
            session.abort();
        }
    }
}
