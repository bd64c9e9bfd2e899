package dev.sluice.spi;

import dev.sluice.sql.AnalysisException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds {@link StreamingProvider}s by short name (ServiceLoader over the context class loader and this
 * class's loader) or by fully qualified class name. Thread-safe.
 */
public final class StreamingProviders {
    private StreamingProviders() {
    }

    /**
     * The provider for {@code format}.
     *
     * @throws AnalysisException {@code DATA_SOURCE_NOT_FOUND} when none matches
     */
    public static StreamingProvider find(String format) {
        List<StreamingProvider> matches = new ArrayList<>();
        for (StreamingProvider p : load()) {
            if (p.shortName().equalsIgnoreCase(format) || p.getClass().getName().equals(format)) {
                matches.add(p);
            }
        }
        if (matches.size() > 1) {
            List<String> names = matches.stream().map(p -> p.getClass().getName()).toList();
            throw new AnalysisException("_LEGACY_ERROR_TEMP_1141", "Multiple sources found for " + format + " ("
                    + String.join(", ", names) + "), please specify the fully qualified class name.", null);
        }
        if (matches.isEmpty()) {
            throw new AnalysisException("DATA_SOURCE_NOT_FOUND", "Failed to find the data source: " + format
                    + ". Make sure the provider name is correct and the package is properly registered and"
                    + " compatible with your Spark version.", "42K02");
        }
        return matches.get(0);
    }

    private static List<StreamingProvider> load() {
        List<StreamingProvider> all = new ArrayList<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ServiceLoader.load(StreamingProvider.class, StreamingProviders.class.getClassLoader()).forEach(all::add);
        if (context != null && context != StreamingProviders.class.getClassLoader()) {
            for (StreamingProvider p : ServiceLoader.load(StreamingProvider.class, context)) {
                if (all.stream().noneMatch(q -> q.getClass() == p.getClass())) {
                    all.add(p);
                }
            }
        }
        return all;
    }
}
