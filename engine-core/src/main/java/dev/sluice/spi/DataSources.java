package dev.sluice.spi;

import dev.sluice.sql.AnalysisException;
import dev.sluice.stream.connector.BuiltinProviders;
import dev.sluice.stream.connector.NoopBatchFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * Finds the connector for a {@code format(...)} name: the one lookup of the connector SPI, for batch
 * ({@link #batch}) and streaming ({@link #streaming}) alike. Providers ({@link DataSourceProvider}) are matched by
 * short name (case-insensitively) or by fully qualified class name, among core's built-in ones and those listed in
 * {@code META-INF/services/dev.sluice.spi.DataSourceProvider} of the class path (this class's loader, and the
 * thread's context loader when it differs). Thread-safe.
 *
 * <p>Core's own providers ({@code console}, {@code memory}, {@code noop}) are answered without a ServiceLoader
 * scan: a scan opens every jar on the class path to look for service files (hundreds of milliseconds in a fresh JVM
 * with the connectors' Kafka, Hadoop and Parquet jars) and instantiates every provider. As in Spark, where a
 * built-in source wins over a class-path one of the same short name, a connector that also calls itself
 * {@code noop} does not make {@code format("noop")} ambiguous.
 */
public final class DataSources {
    /** Core's own providers. */
    private static final List<Supplier<DataSourceProvider>> BUILTIN = List.of(BuiltinProviders.Console::new,
            BuiltinProviders.Memory::new, BuiltinProviders.Noop::new, NoopBatchFormat::new);

    private DataSources() {
    }

    /**
     * The streaming provider for {@code format}; when only a batch provider has that name, a provider whose
     * source and sink fail with Spark's "does not support streamed reading/writing" errors.
     *
     * @throws AnalysisException {@code DATA_SOURCE_NOT_FOUND} when no provider has that name
     */
    public static StreamingProvider streaming(String format) {
        StreamingProvider builtin = builtin(format, StreamingProvider.class);
        if (builtin != null) {
            return builtin;
        }
        List<DataSourceProvider> named = named(format);
        StreamingProvider found = only(format, named, StreamingProvider.class);
        if (found != null) {
            return found;
        }
        String shortName = named.get(0).shortName();
        return () -> shortName; // every side fails with the interface's defaults, naming the format
    }

    /**
     * The batch provider for {@code format}.
     *
     * @throws AnalysisException {@code DATA_SOURCE_NOT_FOUND} when no provider has that name, and Spark's
     *     {@code _LEGACY_ERROR_TEMP_1135} ("is not a valid Spark SQL Data Source") when only a streaming one has
     */
    public static BatchFormatProvider batch(String format) {
        BatchFormatProvider builtin = builtin(format, BatchFormatProvider.class);
        if (builtin != null) {
            return builtin;
        }
        List<DataSourceProvider> named = named(format);
        BatchFormatProvider found = only(format, named, BatchFormatProvider.class);
        if (found == null) {
            throw new AnalysisException("_LEGACY_ERROR_TEMP_1135", named.get(0).getClass().getName()
                    + " is not a valid Spark SQL Data Source.", null);
        }
        return found;
    }

    private static <T> T builtin(String format, Class<T> side) {
        for (Supplier<DataSourceProvider> supplier : BUILTIN) {
            DataSourceProvider p = supplier.get();
            if (side.isInstance(p) && matches(p, format)) {
                return side.cast(p);
            }
        }
        return null;
    }

    private static boolean matches(DataSourceProvider p, String format) {
        return p.shortName().equalsIgnoreCase(format) || p.getClass().getName().equals(format);
    }

    /** The one provider of {@code side} among {@code named}, or null when none offers it. */
    private static <T> T only(String format, List<DataSourceProvider> named, Class<T> side) {
        List<DataSourceProvider> matches = named.stream().filter(side::isInstance).toList();
        if (matches.size() > 1) {
            List<String> names = matches.stream().map(p -> p.getClass().getName()).toList();
            throw new AnalysisException("_LEGACY_ERROR_TEMP_1141", "Multiple sources found for " + format + " ("
                    + String.join(", ", names) + "), please specify the fully qualified class name.", null);
        }
        return matches.isEmpty() ? null : side.cast(matches.get(0));
    }

    /** The built-in and class-path providers named {@code format}, never empty. */
    private static List<DataSourceProvider> named(String format) {
        List<DataSourceProvider> named = new ArrayList<>();
        for (Supplier<DataSourceProvider> supplier : BUILTIN) {
            DataSourceProvider p = supplier.get();
            if (matches(p, format)) {
                named.add(p);
            }
        }
        ClassLoader own = DataSources.class.getClassLoader();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (ClassLoader loader : context == null || context == own ? List.of(own) : List.of(own, context)) {
            for (DataSourceProvider p : ServiceLoader.load(DataSourceProvider.class, loader)) {
                if (matches(p, format) && named.stream().noneMatch(q -> q.getClass() == p.getClass())) {
                    named.add(p);
                }
            }
        }
        if (named.isEmpty()) {
            throw ConnectorArtifacts.dataSourceNotFound(format);
        }
        return named;
    }
}
