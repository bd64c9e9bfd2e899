package dev.sluice.connectors.file;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.spi.BatchRows;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.SaveMode;
import dev.sluice.sql.SluiceSession;
import dev.sluice.spi.BatchFormatProvider;
import dev.sluice.sql.sources.Filter;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;

/**
 * The batch API ({@code session.read()}, {@code dataset.write()}) for a {@link FileFormat}: listing
 * ({@link FileListing}, honouring {@code _spark_metadata}), schema inference, partition discovery
 * (partition columns appended after the data columns, typed as inferred or as the user schema says) and
 * partitioned writes with Spark's save modes. Reads are lazy, as Spark's: {@code load()} lists the files and
 * resolves the schema; the files are read by a {@link FileScan} when an action runs, with column pruning and
 * filter pushdown where the format supports them. Every column read from files is nullable, as in Spark.
 * Writes produce a {@code _SUCCESS} marker after all files are closed; a failed write leaves partial files
 * (no commit protocol for batch writes, unlike {@link FileSinkWriter}). Files are reached through Hadoop's
 * FileSystem API with the session's {@code spark.hadoop.*} settings ({@link FileAccess}). Stateless and
 * thread-safe.
 */
public class FileFormatProvider implements BatchFormatProvider {
    private final FileFormat format;

    protected FileFormatProvider(FileFormat format) {
        this.format = format;
    }

    /** The format this provider reads and writes. */
    public FileFormat format() {
        return format;
    }

    @Override
    public String shortName() {
        return format.shortName();
    }

    @Override
    public Dataset<Row> read(SluiceSession session, Map<String, String> options, StructType userSchema, List<String> paths) {
        if (paths.isEmpty()) {
            throw new AnalysisException("'path' is not specified");
        }
        ZoneId zone = session.conf().sessionTimeZone();
        FormatOptions formatOptions = format.withSessionDefaults(FormatOptions.of(options, session), session.conf());
        List<FileListing.SourceFile> files = FileListing.list(paths, formatOptions);
        try {
            StructType partitionSchema = partitionSchema(files, userSchema, zone);
            StructType dataSchema = dataSchema(files, userSchema, partitionSchema, formatOptions);
            format.checkRead(dataSchema, formatOptions);
            StructType output = concat(dataSchema, partitionSchema);
            return BatchRows.toDataset(session, output,
                    new FileScan(session, format, files, dataSchema, partitionSchema, formatOptions, zone), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StructType partitionSchema(List<FileListing.SourceFile> files, StructType userSchema, ZoneId zone) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<String> firstColumns = null;
        for (FileListing.SourceFile file : files) {
            List<String> columns = new ArrayList<>(file.partitionValues().keySet());
            if (firstColumns == null) {
                firstColumns = columns;
            } else if (!firstColumns.equals(columns)) {
                throw new AnalysisException("Conflicting partition column names detected: " + firstColumns + " and "
                        + columns + " (in " + file.path().getParent() + ")");
            }
            file.partitionValues().forEach((column, value) -> values.computeIfAbsent(column, c -> new ArrayList<>()).add(value));
        }
        List<StructField> fields = new ArrayList<>();
        values.forEach((column, raw) -> {
            int index = userSchema == null ? -1 : userSchema.indexOfIgnoreCase(column);
            DataType type = index >= 0 ? userSchema.apply(index).dataType() : PartitionPaths.inferType(raw, zone);
            fields.add(new StructField(column, type, true));
        });
        return new StructType(fields);
    }

    private StructType dataSchema(List<FileListing.SourceFile> files, StructType userSchema, StructType partitionSchema,
            FormatOptions options) throws IOException {
        StructType full;
        if (userSchema != null) {
            full = userSchema;
        } else {
            List<Path> paths = new ArrayList<>();
            for (FileListing.SourceFile file : files) {
                paths.add(file.path());
            }
            full = format.inferSchema(paths, options);
        }
        List<StructField> fields = new ArrayList<>();
        for (StructField field : full) {
            if (partitionSchema.indexOfIgnoreCase(field.name()) < 0) {
                fields.add(new StructField(field.name(), field.dataType(), true));
            }
        }
        return new StructType(fields);
    }

    static StructType concat(StructType a, StructType b) {
        List<StructField> fields = new ArrayList<>(a.fieldList());
        fields.addAll(b.fieldList());
        return new StructType(fields);
    }

    /** Every chunk of {@code file}, in order, with its partition values (parsed in {@code zone}) appended; any thread. */
    static List<Chunk> readFile(FileFormat format, FileListing.SourceFile file, StructType dataSchema,
            StructType partitionSchema, FormatOptions formatOptions, ZoneId zone) throws IOException {
        return readFile(format, file, dataSchema, List.of(), null, partitionSchema, formatOptions, zone);
    }

    /**
     * Every chunk of {@code file} read as {@code readSchema} (skipping what {@code filters} rule out, where the format
     * can), keeping the read columns at {@code keptColumns} (null: all, in order), then the values of
     * {@code partitionFields} from the file's path; any thread.
     */
    static List<Chunk> readFile(FileFormat format, FileListing.SourceFile file, StructType readSchema,
            List<Filter> filters, int[] keptColumns, StructType partitionFields, FormatOptions formatOptions,
            ZoneId zone) throws IOException {
        List<Chunk> chunks = new ArrayList<>();
        try (ChunkReader in = format.open(file.path(), readSchema, formatOptions, filters)) {
            for (Chunk chunk = in.next(); chunk != null; chunk = in.next()) {
                chunks.add(assemble(chunk, keptColumns, file, partitionFields, zone));
            }
        }
        return chunks;
    }

    private static Chunk assemble(Chunk chunk, int[] keptColumns, FileListing.SourceFile file,
            StructType partitionFields, ZoneId zone) {
        if (keptColumns == null && partitionFields.length() == 0) {
            return chunk;
        }
        int kept = keptColumns == null ? chunk.columnCount() : keptColumns.length;
        ColumnVector[] columns = new ColumnVector[kept + partitionFields.length()];
        for (int i = 0; i < kept; i++) {
            columns[i] = chunk.column(keptColumns == null ? i : keptColumns[i]);
        }
        for (int i = 0; i < partitionFields.length(); i++) {
            StructField field = partitionFields.apply(i);
            columns[kept + i] = PartitionPaths.constant(file.partitionValues().get(field.name()), field.dataType(),
                    chunk.rowCount(), zone);
        }
        return new Chunk(chunk.rowCount(), columns);
    }

    @Override
    public void write(Dataset<Row> data, Map<String, String> options, SaveMode mode, List<String> partitionColumns,
            String path) {
        if (path == null) {
            throw new AnalysisException("'path' is not specified");
        }
        FormatOptions formatOptions = FormatOptions.of(options, data.sparkSession());
        FileAccess files = formatOptions.files();
        Path root = files.qualify(path);
        PartitionedFileWriter writer = new PartitionedFileWriter(root, format, formatOptions, data.schema(), partitionColumns);
        try {
            if (files.exists(root)) {
                switch (mode) {
                    case ErrorIfExists -> throw new AnalysisException("PATH_ALREADY_EXISTS", "Path " + root
                            + " already exists. Set mode as \"overwrite\" to overwrite the existing path.", "42K04");
                    case Ignore -> {
                        return;
                    }
                    case Overwrite -> files.delete(root, true);
                    case Append -> {
                        // keep what is there
                    }
                }
            }
            List<Chunk> chunks = BatchRows.collect(data);
            files.mkdirs(root);
            writer.write(chunks);
            Path success = new Path(root, "_SUCCESS");
            files.delete(success, false);
            files.create(success).close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
