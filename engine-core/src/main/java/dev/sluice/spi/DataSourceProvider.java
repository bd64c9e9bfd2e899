package dev.sluice.spi;

/**
 * A connector of Sluice, found by the name users pass to {@code format(...)}: the one entry point of the connector
 * SPI. A provider offers batch reads and writes by also implementing {@link BatchFormatProvider}, streaming sources
 * and sinks by implementing {@link StreamingProvider}, or both; two providers may share a short name when each
 * offers a different side (a batch provider and a streaming one of the same format).
 *
 * <p>Discovered with {@link java.util.ServiceLoader}: list the implementation class in
 * {@code META-INF/services/dev.sluice.spi.DataSourceProvider} of the connector's jar. Implementations need a
 * public no-argument constructor and must be thread-safe: one instance may serve every session and query.
 */
public interface DataSourceProvider {
    /** The name used in {@code format(...)}, e.g. {@code "json"}; matched case-insensitively. */
    String shortName();

    /**
     * Prepares this connector for its first read or write in this JVM: loads the classes and native libraries that
     * the first batch would otherwise load on the query's critical path (Parquet's writer loads about 2,000 classes).
     * The engine calls it at most once per provider class and JVM, on a background daemon thread, when a query or
     * action first names the format ({@link ProviderWarmUp}), so that it overlaps the rest of the query's definition
     * and start. It must not read or write user data, files or the network, must be thread-safe against the
     * connector's real use, and should take well under a second. The default does nothing.
     *
     * @throws Exception any failure, logged once by the engine; the real read or write reports its own failures
     */
    default void warmUp() throws Exception {
    }
}
