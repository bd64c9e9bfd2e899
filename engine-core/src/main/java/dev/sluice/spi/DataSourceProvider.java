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
}
