package dev.sluice.spi;

import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.OutputMode;
import dev.sluice.sql.types.StructType;
import java.util.Map;

/**
 * What a provider gets to create a sink.
 *
 * @param session    the session of the query
 * @param schema     the schema of the rows the sink will receive
 * @param options    the writer options (look them up case-insensitively)
 * @param outputMode the query's output mode
 * @param queryName  the query name, or null
 */
public record SinkContext(SluiceSession session, StructType schema, Map<String, String> options,
                          OutputMode outputMode, String queryName) {
    public SinkContext {
        options = Map.copyOf(options);
    }

    /** The option {@code key} (case-insensitive), or {@code defaultValue}. */
    public String option(String key, String defaultValue) {
        return Options.get(options, key, defaultValue);
    }
}
