package dev.sluice.spi;

import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.types.StructType;
import java.util.Map;

/**
 * What a provider gets to define or create a source.
 *
 * @param session      the session of the query
 * @param userSchema   the schema given with {@code readStream().schema(...)}, or null
 * @param options      the reader options (keys as given; look them up case-insensitively)
 * @param metadataPath the source's own folder in the checkpoint ({@code sources/<n>}), or null when
 *                     only the schema is asked for
 */
public record SourceContext(SluiceSession session, StructType userSchema, Map<String, String> options,
                            String metadataPath) {
    public SourceContext {
        options = Map.copyOf(options);
    }

    /** The option {@code key} (case-insensitive), or {@code defaultValue}. */
    public String option(String key, String defaultValue) {
        return Options.get(options, key, defaultValue);
    }
}
