/**
 * The JDBC connector ({@code format("jdbc")}): batch reads as lazy {@link dev.sluice.spi.Scan}s
 * ({@link dev.sluice.connectors.jdbc.JdbcRelationProvider}: options, range partitions read in parallel, filter
 * pushdown through the public filter model, Spark's type mapping through a dialect), batch writes with Spark's save modes, and an exactly-once
 * streaming sink ({@link dev.sluice.connectors.jdbc.JdbcStreamingProvider}) with append, upsert and complete modes.
 * Works with any JDBC driver on the class path; MySQL/MariaDB get their own dialect. Options in docs/JDBC.md.
 */
package dev.sluice.connectors.jdbc;
