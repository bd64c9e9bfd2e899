/**
 * The batch data source SPI: {@link dev.sluice.sql.sources.BatchFormatProvider} implementations found with
 * {@link java.util.ServiceLoader} back {@code SluiceSession.read()} and {@code Dataset.write()}. Generic on
 * purpose: formats live in engine-connectors, which depends on this package and never the other way.
 */
package dev.sluice.sql.sources;
