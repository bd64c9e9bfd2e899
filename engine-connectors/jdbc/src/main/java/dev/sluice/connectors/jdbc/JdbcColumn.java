package dev.sluice.connectors.jdbc;

import dev.sluice.sql.types.DataType;

/**
 * One column of a JDBC relation: its name in the database, the engine type it is read as, and the
 * {@code java.sql.Types} code the driver reported (which picks the getter, e.g. BIT read as a long).
 */
record JdbcColumn(String name, DataType type, int sqlType) {
}
