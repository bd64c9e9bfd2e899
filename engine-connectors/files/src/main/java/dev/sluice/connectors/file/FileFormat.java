package dev.sluice.connectors.file;

import dev.sluice.sql.types.StructType;
import java.io.IOException;
import org.apache.hadoop.fs.Path;
import java.util.List;

/**
 * A file format of engine-connectors (text, CSV, JSON, Parquet): schema inference, a reader per file and a
 * writer per file. The batch API ({@link FileFormatProvider}) and the file sink ({@link FileSinkWriter})
 * and the streaming file source are built on it. Paths are Hadoop paths, reached through the options'
 * {@link FormatOptions#files()} (Hadoop's FileSystem API). Implementations are stateless and thread-safe;
 * the readers and writers they open are single-threaded.
 */
public interface FileFormat {
    /** The format name used by {@code format(...)}, e.g. {@code "csv"}. */
    String shortName();

    /**
     * {@code options} completed with the session settings that give this format's options their defaults
     * (e.g. {@code spark.sql.parquet.mergeSchema}); options set explicitly win.
     */
    default FormatOptions withSessionDefaults(FormatOptions options, dev.sluice.sql.RuntimeConfig conf) {
        return options;
    }

    /** The file name extension of written files, with the compression infix, e.g. {@code ".json.gz"}. */
    String extension(FormatOptions options);

    /**
     * The schema of the data in {@code files}, as Spark infers it for this format.
     *
     * @throws dev.sluice.sql.AnalysisException ({@code UNABLE_TO_INFER_SCHEMA}) when nothing can be inferred
     */
    StructType inferSchema(List<Path> files, FormatOptions options) throws IOException;

    /** A reader of {@code file} producing chunks of {@code schema} (a subset of columns for Parquet). */
    ChunkReader open(Path file, StructType schema, FormatOptions options) throws IOException;

    /**
     * A reader of {@code file} that may skip data that cannot satisfy {@code filters} (all of which must hold); it
     * may also return rows that do not satisfy them (the engine filters again). Formats that use filters say so
     * in {@link #usesFilters()}; the default ignores them.
     */
    default ChunkReader open(Path file, StructType schema, FormatOptions options,
            List<dev.sluice.sql.sources.Filter> filters) throws IOException {
        return open(file, schema, options);
    }

    /**
     * Checks, at {@code load()}, that files can be read as {@code schema} with {@code options}, so that a bad option
     * or an unreadable schema fails when the Dataset is built rather than at its first action. The default accepts.
     *
     * @throws dev.sluice.sql.AnalysisException naming the option or column
     */
    default void checkRead(StructType schema, FormatOptions options) {
    }

    /** Whether {@link #open(Path, StructType, FormatOptions, List)} uses its filters (so pushing them pays). */
    default boolean usesFilters() {
        return false;
    }

    /**
     * Whether {@link #open(Path, StructType, FormatOptions)} reads only the data of the columns of its schema (a
     * subset of the file's), so a query using few columns reads less; otherwise readers get the whole data schema.
     */
    default boolean readsColumnSubsets() {
        return false;
    }

    /** A writer creating {@code file} (which must not exist) with rows of {@code schema}. */
    ChunkWriter create(Path file, StructType schema, FormatOptions options) throws IOException;

    /**
     * Checks that rows of {@code schema} can be written in this format.
     *
     * @throws dev.sluice.sql.AnalysisException naming the column and type when they cannot
     */
    void checkWritable(StructType schema);
}
