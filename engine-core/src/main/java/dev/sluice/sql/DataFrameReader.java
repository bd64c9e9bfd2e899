package dev.sluice.sql;

import dev.sluice.spi.BatchFormatProvider;
import dev.sluice.spi.DataSources;
import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Loads a batch Dataset from external storage, as Spark's {@code DataFrameReader}: obtained from
 * {@link SluiceSession#read()}, configured with {@link #format}, {@link #option}, {@link #schema}, then
 * {@link #load}. Option keys are case-insensitive; a later value for the same key wins. The format is
 * resolved through {@link dev.sluice.spi.BatchFormatProvider}s on the class path (engine-connectors
 * registers {@code text}, {@code csv}, {@code json}, {@code parquet}, {@code kafka} and {@code jdbc}). The default format is
 * {@code parquet}, as Spark's {@code spark.sql.sources.default}.
 *
 * <p>A builder: not thread-safe; use one per read.
 */
public final class DataFrameReader {
    private final SluiceSession session;
    private String format = "parquet";
    private StructType userSchema;
    private final Map<String, String> options = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    DataFrameReader(SluiceSession session) {
        this.session = Objects.requireNonNull(session, "session is null");
    }

    /** The format name, e.g. {@code "json"}, {@code "csv"}, {@code "text"}, {@code "parquet"}. */
    public DataFrameReader format(String source) {
        this.format = Objects.requireNonNull(source, "source is null");
        return this;
    }

    /** The schema to read with instead of inferring one. */
    public DataFrameReader schema(StructType schema) {
        this.userSchema = Objects.requireNonNull(schema, "schema is null");
        return this;
    }

    /** The schema as a DDL string, e.g. {@code "a INT, b STRING"}. */
    public DataFrameReader schema(String schemaString) {
        return schema(StructType.fromDDL(schemaString));
    }

    public DataFrameReader option(String key, String value) {
        options.put(Objects.requireNonNull(key, "key is null"), 
                dev.sluice.conf.OptionValues.requireValue(key, value));
        return this;
    }

    public DataFrameReader option(String key, boolean value) {
        return option(key, Boolean.toString(value));
    }

    public DataFrameReader option(String key, long value) {
        return option(key, Long.toString(value));
    }

    public DataFrameReader option(String key, double value) {
        return option(key, Double.toString(value));
    }

    public DataFrameReader options(Map<String, String> newOptions) {
        newOptions.forEach(this::option);
        return this;
    }

    /** Loads from the {@code path} option (if any). */
    public Dataset<Row> load() {
        return load(new String[0]);
    }

    /** Loads from {@code path}. */
    public Dataset<Row> load(String path) {
        return load(new String[] {path});
    }

    /** Loads from these paths (directories, files or globs) plus the {@code path} option, if set. */
    public Dataset<Row> load(String... paths) {
        List<String> all = new ArrayList<>();
        String optionPath = options.get("path");
        if (optionPath != null) {
            all.add(optionPath);
        }
        Collections.addAll(all, paths);
        BatchFormatProvider provider = DataSources.batch(format);
        Map<String, String> frozen = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        frozen.putAll(options);
        frozen.remove("path");
        return provider.read(session, Collections.unmodifiableMap(frozen), userSchema, List.copyOf(all));
    }

    /** The table or temporary view {@code tableName}, as Spark's {@code read().table}. */
    public Dataset<Row> table(String tableName) {
        return session.table(tableName);
    }

    public Dataset<Row> json(String... paths) {
        return format("json").load(paths);
    }

    /**
     * Parses each string as one JSON record, as Spark's {@code json(Dataset<String>)}: the schema is this reader's
     * or inferred as {@code json(path)} infers it, with the same options. Parsed eagerly (see {@code TextDatasets}).
     */
    public Dataset<Row> json(Dataset<String> jsonDataset) {
        return TextDatasets.read(session, this, "json", jsonDataset);
    }

    /** Parses each string as one CSV line, as Spark's {@code csv(Dataset<String>)} (header, inference as csv(path)). */
    public Dataset<Row> csv(Dataset<String> csvDataset) {
        return TextDatasets.read(session, this, "csv", csvDataset);
    }

    public Dataset<Row> csv(String... paths) {
        return format("csv").load(paths);
    }

    public Dataset<Row> text(String... paths) {
        return format("text").load(paths);
    }

    /** The lines of text files as a {@code Dataset<String>}, as Spark's {@code textFile} ({@code text(...)} typed). */
    public Dataset<String> textFile(String... paths) {
        return text(paths).as(Encoders.STRING());
    }

    public Dataset<Row> parquet(String... paths) {
        return format("parquet").load(paths);
    }

    /**
     * Reads database table (or parenthesised subquery with an alias) {@code table} over JDBC, as Spark's
     * {@code jdbc(url, table, properties)}: the properties ({@code user}, {@code password}, any jdbc option or
     * driver property) are added to this reader's options. Needs the {@code jdbc} format (engine-connectors).
     */
    public Dataset<Row> jdbc(String url, String table, java.util.Properties properties) {
        for (String name : properties.stringPropertyNames()) {
            option(name, properties.getProperty(name));
        }
        return format("jdbc").option("url", url).option("dbtable", table).load();
    }

    /**
     * As {@link #jdbc(String, String, java.util.Properties)}, read as {@code numPartitions} parallel range
     * queries over integral column {@code columnName} (Spark's stride rules; rows outside the bounds are read
     * too, by the first and last ranges).
     */
    public Dataset<Row> jdbc(String url, String table, String columnName, long lowerBound, long upperBound,
                             int numPartitions, java.util.Properties properties) {
        option("partitionColumn", columnName).option("lowerBound", lowerBound).option("upperBound", upperBound)
                .option("numPartitions", numPartitions);
        return jdbc(url, table, properties);
    }
}
