package dev.sluice.connectors.parquet;

import dev.sluice.connectors.file.ChunkReader;
import dev.sluice.connectors.file.ChunkWriter;
import dev.sluice.connectors.file.FileFormat;
import dev.sluice.connectors.file.FormatOptions;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.StructType;
import dev.sluice.connectors.file.FileAccess;
import dev.sluice.sql.RuntimeConfig;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;

/**
 * Spark's {@code parquet} format through parquet-hadoop, on any Hadoop file system: every Sluice type incl.
 * nested structs, arrays and maps (layout in {@link ParquetSchemas}), column and struct-field projection on read, a
 * vectorized read of columns without repeated fields ({@link ParquetChunkReader}; {@value #VECTORIZED_CONF}),
 * row-group skipping by pushed filters, batch and streaming ({@link ParquetFilters}; off with
 * {@value #FILTER_PUSHDOWN_CONF}), and the {@code compression} option ({@code snappy} by default; {@code none}/{@code uncompressed}, {@code gzip},
 * {@code zstd}, {@code lz4_raw}). The schema of a read without a user schema is the footer schema of the
 * first file (Spark's default), or with {@code mergeSchema=true} (option, else the session setting
 * {@code spark.sql.parquet.mergeSchema}) the merge of every file's schema ({@link SchemaMerger}; columns
 * missing from a file read as null). Stateless and thread-safe.
 */
public final class ParquetFormat implements FileFormat {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ParquetFormat.class);
    @Override
    public String shortName() {
        return "parquet";
    }

    @Override
    public String extension(FormatOptions options) {
        return codec(options).getExtension() + ".parquet";
    }

    private static CompressionCodecName codec(FormatOptions options) {
        String name = options.getFirst("snappy", "compression", "parquet.compression").toUpperCase(Locale.ROOT);
        if (name.equals("NONE")) {
            return CompressionCodecName.UNCOMPRESSED;
        }
        try {
            return CompressionCodecName.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw dev.sluice.conf.OptionValues.codecNotAvailable(options.keyOf("compression", "parquet.compression"),
                    name.toLowerCase(Locale.ROOT),
                    "none, uncompressed, snappy, gzip, zstd, lz4_raw");
        }
    }

    /** Spark's session default of the {@code mergeSchema} option. */
    public static final String MERGE_SCHEMA_CONF = "spark.sql.parquet.mergeSchema";

    /**
     * Spark's session setting for the vectorized read (default true): with false every column is assembled record by
     * record ({@link ParquetChunkReader}). Sluice also takes it as a read option of the same name.
     */
    public static final String VECTORIZED_CONF = "spark.sql.parquet.enableVectorizedReader";
    /** Spark's switch for row-group filtering by pushed filters (default true). */
    public static final String FILTER_PUSHDOWN_CONF = "spark.sql.parquet.filterPushdown";

    @Override
    public FormatOptions withSessionDefaults(FormatOptions options, RuntimeConfig conf) {
        String merge = conf.get(MERGE_SCHEMA_CONF, null);
        FormatOptions withMerge = merge == null || options.get("mergeSchema") != null ? options
                : options.with("mergeSchema", merge);
        String vectorized = conf.get(VECTORIZED_CONF, null);
        FormatOptions withVectorized = vectorized == null || withMerge.get(VECTORIZED_CONF) != null ? withMerge
                : withMerge.with(VECTORIZED_CONF, vectorized);
        String pushdown = conf.get(FILTER_PUSHDOWN_CONF, null);
        return pushdown == null || withVectorized.get(FILTER_PUSHDOWN_CONF) != null ? withVectorized
                : withVectorized.with(FILTER_PUSHDOWN_CONF, pushdown);
    }

    @Override
    public StructType inferSchema(List<Path> files, FormatOptions options) throws IOException {
        if (files.isEmpty()) {
            throw new AnalysisException("UNABLE_TO_INFER_SCHEMA", "Unable to infer schema for Parquet. It must be"
                    + " specified manually.", "42KD9");
        }
        boolean merge = options.getBoolean("mergeSchema", false);
        StructType merged = null;
        for (Path file : files) {
            MessageType footer = footerOrSkip(options, file);
            if (footer == null) {
                continue;
            }
            StructType schema = ParquetSchemas.toSluice(footer);
            merged = merged == null ? schema : SchemaMerger.merge(merged, schema);
            if (!merge) {
                break;
            }
        }
        if (merged == null) {
            throw new AnalysisException("UNABLE_TO_INFER_SCHEMA", "Unable to infer schema for Parquet. It must be"
                    + " specified manually.", "42KD9");
        }
        return merged;
    }

    /** The footer schema of {@code file}; null when it cannot be read and {@code ignoreCorruptFiles} is set. */
    private static MessageType footerOrSkip(FormatOptions options, Path file) throws IOException {
        try {
            return fileSchema(options.files(), file);
        } catch (IOException | RuntimeException e) {
            if (dev.sluice.connectors.file.FileReadErrors.isInterrupt(e)) {
                throw e;
            }
            if (dev.sluice.connectors.file.FileReadErrors.isMissing(e)) {
                if (options.ignoreMissingFiles()) {
                    return null;
                }
                throw dev.sluice.connectors.file.FileReadErrors.missing(file.toString(), e);
            }
            if (options.ignoreCorruptFiles()) {
                LOG.warn("Skipped the footer in the corrupted file: {}", file, e);
                return null;
            }
            throw dev.sluice.connectors.file.FileReadErrors.footer(file.toString(), e);
        }
    }

    /** The Parquet schema in the footer of {@code file}. */
    public static MessageType fileSchema(FileAccess files, Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(ParquetFiles.input(files, file),
                ParquetReadOptions.builder(ParquetFiles.configuration()).build())) {
            return reader.getFileMetaData().getSchema();
        }
    }

    @Override
    public ChunkReader open(Path file, StructType schema, FormatOptions options) throws IOException {
        return new ParquetChunkReader(options.files(), file, schema, List.of(), vectorized(options));
    }

    private static boolean vectorized(FormatOptions options) {
        return options.getBoolean(VECTORIZED_CONF, true);
    }

    /** Row groups that cannot satisfy {@code filters} (statistics, dictionaries, bloom filters) are skipped. */
    @Override
    public ChunkReader open(Path file, StructType schema, FormatOptions options,
            List<dev.sluice.sql.sources.Filter> filters) throws IOException {
        if (filters.isEmpty() || !options.getBoolean(FILTER_PUSHDOWN_CONF, true)) {
            return open(file, schema, options);
        }
        // the predicate names the file's own columns and types: the reader builds it from the footer it reads anyway
        return new ParquetChunkReader(options.files(), file, schema, filters, vectorized(options));
    }

    @Override
    public boolean usesFilters() {
        return true;
    }

    @Override
    public boolean readsColumnSubsets() {
        return true;
    }

    @Override
    public ChunkWriter create(Path file, StructType schema, FormatOptions options) throws IOException {
        return new ParquetChunkWriter(options.files(), file, schema, codec(options));
    }

    @Override
    public void checkWritable(StructType schema) {
        ParquetSchemas.toParquet(schema);
    }
}
