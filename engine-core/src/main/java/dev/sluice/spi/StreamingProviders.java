package dev.sluice.spi;

import dev.sluice.sql.AnalysisException;
import dev.sluice.stream.connector.BuiltinProviders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * Finds {@link StreamingProvider}s by short name (ServiceLoader over the context class loader and this
 * class's loader) or by fully qualified class name. Thread-safe.
 *
 * <p>The sinks built into core ({@code console}, {@code memory}, {@code noop}) are answered without a
 * ServiceLoader scan: a scan opens every jar on the class path to look for service files (hundreds of
 * milliseconds in a fresh JVM with the connectors' Kafka, Hadoop and Parquet jars) and instantiates
 * every provider. As in Spark, where a built-in source wins over a class-path one of the same short name,
 * a connector that also calls itself {@code noop} does not make {@code format("noop")} ambiguous.
 */
public final class StreamingProviders {
    /** Core's own providers, by lower-case short name and by class name. */
    private static final Map<String, Supplier<StreamingProvider>> BUILTIN = builtins(
            BuiltinProviders.Console::new, BuiltinProviders.Memory::new, BuiltinProviders.Noop::new);

    private StreamingProviders() {
    }

    @SafeVarargs
    private static Map<String, Supplier<StreamingProvider>> builtins(Supplier<StreamingProvider>... suppliers) {
        Map<String, Supplier<StreamingProvider>> byName = new HashMap<>();
        for (Supplier<StreamingProvider> supplier : suppliers) {
            StreamingProvider p = supplier.get();
            byName.put(p.shortName().toLowerCase(Locale.ROOT), supplier);
            byName.put(p.getClass().getName(), supplier);
        }
        return Map.copyOf(byName);
    }

    /**
     * The provider for {@code format}.
     *
     * @throws AnalysisException {@code DATA_SOURCE_NOT_FOUND} when none matches
     */
    public static StreamingProvider find(String format) {
        Supplier<StreamingProvider> builtin = BUILTIN.get(format);
        if (builtin == null) {
            builtin = BUILTIN.get(format.toLowerCase(Locale.ROOT));
        }
        if (builtin != null) {
            return builtin.get();
        }
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
            throw ConnectorArtifacts.dataSourceNotFound(format);
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
