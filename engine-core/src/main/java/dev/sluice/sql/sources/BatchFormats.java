package dev.sluice.sql.sources;

import dev.sluice.spi.ConnectorArtifacts;
import dev.sluice.sql.AnalysisException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Finds the {@link BatchFormatProvider} of a format name among the providers on the class path. The
 * providers are loaded once, on first use, with the class loader of this class. Thread-safe.
 */
public final class BatchFormats {
    private static volatile Map<String, BatchFormatProvider> providers;

    private BatchFormats() {
    }

    /**
     * The provider whose {@link BatchFormatProvider#shortName()} (or class name) is {@code name},
     * case-insensitively.
     *
     * @throws AnalysisException ({@code DATA_SOURCE_NOT_FOUND}) when no provider has that name
     */
    public static BatchFormatProvider lookup(String name) {
        BatchFormatProvider provider = providers().get(name.toLowerCase(Locale.ROOT));
        if (provider == null) {
            throw ConnectorArtifacts.dataSourceNotFound(name);
        }
        return provider;
    }

    private static Map<String, BatchFormatProvider> providers() {
        Map<String, BatchFormatProvider> loaded = providers;
        if (loaded == null) {
            loaded = new HashMap<>();
            for (BatchFormatProvider p : ServiceLoader.load(BatchFormatProvider.class, BatchFormats.class.getClassLoader())) {
                loaded.putIfAbsent(p.shortName().toLowerCase(Locale.ROOT), p);
                loaded.putIfAbsent(p.getClass().getName().toLowerCase(Locale.ROOT), p);
            }
            providers = Map.copyOf(loaded);
            loaded = providers;
        }
        return loaded;
    }
}
