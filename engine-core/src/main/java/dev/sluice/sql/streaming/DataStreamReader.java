package dev.sluice.sql.streaming;

import dev.sluice.plan.logical.StreamingRelation;
import dev.sluice.spi.SourceContext;
import dev.sluice.spi.StreamingProvider;
import dev.sluice.spi.DataSources;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.types.StructType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Defines a streaming input, as Spark's {@code DataStreamReader} ({@code session.readStream()}): a format
 * (resolved to a {@link StreamingProvider} by short name), options and an optional schema; {@link #load()}
 * returns a streaming DataFrame. Nothing is read until a query starts; each query run creates its own
 * source. Not thread-safe (a builder); the DataFrame it returns is.
 */
public final class DataStreamReader {
    private final SluiceSession session;
    private String format;
    private StructType userSchema;
    private final Map<String, String> options = new LinkedHashMap<>();

    /** Internal: use {@link SluiceSession#readStream()}. */
    public DataStreamReader(SluiceSession session) {
        this.session = Objects.requireNonNull(session, "session is null");
    }

    public DataStreamReader format(String source) {
        this.format = Objects.requireNonNull(source, "source is null");
        return this;
    }

    public DataStreamReader schema(StructType schema) {
        this.userSchema = schema;
        return this;
    }

    /** The schema as DDL, e.g. {@code "name STRING, age INT"}. */
    public DataStreamReader schema(String schemaString) {
        return schema(StructType.fromDDL(schemaString));
    }

    public DataStreamReader option(String key, String value) {
        options.put(java.util.Objects.requireNonNull(key, "key is null"), 
                
                dev.sluice.conf.OptionValues.requireValue(key, value));
        return this;
    }

    public DataStreamReader option(String key, boolean value) {
        return option(key, Boolean.toString(value));
    }

    public DataStreamReader option(String key, long value) {
        return option(key, Long.toString(value));
    }

    public DataStreamReader option(String key, double value) {
        return option(key, Double.toString(value));
    }

    public DataStreamReader options(Map<String, String> options) {
        options.forEach(this::option);
        return this;
    }

    /**
     * The streaming DataFrame of this input.
     *
     * @throws dev.sluice.sql.AnalysisException {@code DATA_SOURCE_NOT_FOUND} for an unknown format, or the
     *         provider's error for invalid options
     */
    public Dataset<Row> load() {
        if (format == null) {
            throw dev.sluice.conf.OptionValues.missing("No format given: call format(...) before load()");
        }
        StreamingProvider provider = DataSources.streaming(format);
        Map<String, String> frozen = Map.copyOf(options);
        StructType given = userSchema;
        StructType schema = provider.sourceSchema(new SourceContext(session, given, frozen, null));
        StreamingRelation relation = new StreamingRelation(provider.shortName(), SluiceSession.attributes(schema),
                metadataPath -> provider.createSource(new SourceContext(session, given, frozen, metadataPath)),
                provider.sourceSupportsRealTime());
        return Dataset.ofRows(session, relation);
    }

    /** {@code option("path", path).load()}. */
    public Dataset<Row> load(String path) {
        return option("path", path).load();
    }

    /**
     * The table {@code tableName} as a stream (its data source's file source over its folder), or a streaming
     * temporary view, as Spark's {@code readStream().table}.
     *
     * @throws dev.sluice.sql.AnalysisException {@code TABLE_OR_VIEW_NOT_FOUND}, or for a batch temporary view
     */
    public Dataset<Row> table(String tableName) {
        return StreamTables.read(session, Objects.requireNonNull(tableName, "tableName is null"));
    }

    public Dataset<Row> text(String path) {
        return format("text").load(path);
    }

    /** The lines of new text files as a streaming {@code Dataset<String>}, as Spark's {@code textFile}. */
    public Dataset<String> textFile(String path) {
        return text(path).as(dev.sluice.sql.Encoders.STRING());
    }

    public Dataset<Row> csv(String path) {
        return format("csv").load(path);
    }

    public Dataset<Row> json(String path) {
        return format("json").load(path);
    }

    public Dataset<Row> parquet(String path) {
        return format("parquet").load(path);
    }
}
