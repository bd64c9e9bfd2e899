/**
 * The public filter model of the connector SPI, as Spark's {@code org.apache.spark.sql.sources}: the predicates
 * ({@link dev.sluice.sql.sources.Filter} and its records) that the engine hands a scan implementing
 * {@link dev.sluice.spi.SupportsPushDownFilters}. The rest of the connector SPI lives in {@code dev.sluice.spi}.
 */
package dev.sluice.sql.sources;
