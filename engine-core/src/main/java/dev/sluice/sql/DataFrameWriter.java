package dev.sluice.sql;

import dev.sluice.spi.DataSources;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Writes a batch Dataset to external storage, as Spark's {@code DataFrameWriter}: obtained from
 * {@link Dataset#write()}, configured with {@link #format}, {@link #mode}, {@link #option},
 * {@link #partitionBy}, then {@link #save}. The default mode is {@link SaveMode#ErrorIfExists} and the
 * default format {@code parquet}. Option keys are case-insensitive.
 *
 * <p>A builder: not thread-safe; use one per write. What a crash in the middle of a save leaves behind is
 * up to the format (the file formats write uniquely named files and leave partial ones on failure, as Spark
 * does without a commit protocol; the streaming file sink adds an exactly-once commit log).
 */
public final class DataFrameWriter<T> {
    private final Dataset<T> dataset;
    private String format = "parquet";
    private boolean formatGiven;
    private SaveMode mode = SaveMode.ErrorIfExists;
    private List<String> partitionColumns = List.of();
    private final Map<String, String> options = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    DataFrameWriter(Dataset<T> dataset) {
        this.dataset = Objects.requireNonNull(dataset, "dataset is null");
    }

    public DataFrameWriter<T> format(String source) {
        this.format = Objects.requireNonNull(source, "source is null");
        this.formatGiven = true;
        return this;
    }

    public DataFrameWriter<T> mode(SaveMode saveMode) {
        this.mode = Objects.requireNonNull(saveMode, "saveMode is null");
        return this;
    }

    /** {@code append}, {@code overwrite}, {@code ignore}, {@code error}/{@code errorifexists}/{@code default}. */
    public DataFrameWriter<T> mode(String saveMode) {
        return mode(SaveMode.fromString(saveMode));
    }

    public DataFrameWriter<T> option(String key, String value) {
        options.put(Objects.requireNonNull(key, "key is null"), 
                dev.sluice.conf.OptionValues.requireValue(key, value));
        return this;
    }

    public DataFrameWriter<T> option(String key, boolean value) {
        return option(key, Boolean.toString(value));
    }

    public DataFrameWriter<T> option(String key, long value) {
        return option(key, Long.toString(value));
    }

    public DataFrameWriter<T> options(Map<String, String> newOptions) {
        newOptions.forEach(this::option);
        return this;
    }

    /** Lays the output out in {@code col=value/} directories, in this column order. */
    public DataFrameWriter<T> partitionBy(String... colNames) {
        this.partitionColumns = List.of(colNames);
        return this;
    }

    /** Writes to the {@code path} option, or without a path for formats that need none (e.g. kafka). */
    public void save() {
        write(options.get("path"));
    }

    public void save(String path) {
        write(Objects.requireNonNull(path, "path is null"));
    }

    @SuppressWarnings("unchecked")
    private void write(String path) {
        Map<String, String> frozen = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        frozen.putAll(options);
        frozen.remove("path");
        DataSources.batch(format).write((Dataset<Row>) dataset, Collections.unmodifiableMap(frozen), mode,
                partitionColumns, path);
    }

    /**
     * Saves the Dataset as table {@code tableName} of the session catalog, as Spark's {@code saveAsTable}: a new
     * managed table in {@code spark.sql.warehouse.dir} in this writer's format (default
     * {@code spark.sql.sources.default}, parquet); for an existing table the mode decides (error, ignore, append in
     * the table's format, overwrite). See {@code SessionCatalog} for what survives the session.
     */
    @SuppressWarnings("unchecked")
    public void saveAsTable(String tableName) {
        Map<String, String> frozen = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        frozen.putAll(options);
        frozen.remove("path");
        Tables.saveAsTable((Dataset<Row>) dataset, Objects.requireNonNull(tableName, "tableName is null"),
                formatGiven ? format : null, mode, frozen, partitionColumns);
    }

    public void json(String path) {
        format("json").save(path);
    }

    public void csv(String path) {
        format("csv").save(path);
    }

    public void text(String path) {
        format("text").save(path);
    }

    public void parquet(String path) {
        format("parquet").save(path);
    }

    /**
     * Writes to database table {@code table} over JDBC in this writer's mode, as Spark's
     * {@code jdbc(url, table, connectionProperties)}: the properties ({@code user}, {@code password}, any jdbc
     * option or driver property) are added to this writer's options. A JDBC write has no path.
     */
    public void jdbc(String url, String table, java.util.Properties connectionProperties) {
        for (String name : connectionProperties.stringPropertyNames()) {
            option(name, connectionProperties.getProperty(name));
        }
        format("jdbc").option("url", url).option("dbtable", table).save();
    }
}
