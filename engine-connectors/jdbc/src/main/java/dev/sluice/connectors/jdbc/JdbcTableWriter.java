package dev.sluice.connectors.jdbc;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.sql.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The table operations of JDBC writes, shared by the batch writer and the streaming sink: existence check,
 * {@code CREATE TABLE} (engine types mapped by the dialect, string primary-key columns as
 * {@code VARCHAR(255)}, {@code createTableColumnTypes} overrides, {@code createTableOptions} appended), drop, truncate, and inserts or upserts through one prepared statement
 * executed in batches of {@code batchsize} rows (values bound by type, see {@link ValueBinders}). Methods run on
 * a connection the caller owns, inside whatever transaction the caller has open. Immutable.
 */
final class JdbcTableWriter {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcTableWriter.class);

    /** The SQL type of a string column that is part of a created primary key. */
    static final String KEY_STRING_TYPE = "VARCHAR(255)";

    private final JdbcOptions options;
    private final JdbcDialect dialect;
    private final StructType schema;
    private final ZoneId zone;
    private final String table;

    JdbcTableWriter(JdbcOptions options, JdbcDialect dialect, StructType schema, ZoneId zone) {
        if (options.table == null) {
            throw JdbcOptions.invalid("requirement failed: Option 'dbtable' is required.");
        }
        this.options = options;
        this.dialect = dialect;
        this.schema = schema;
        this.zone = zone;
        this.table = options.table;
        for (StructField f : schema.fields()) {
            dialect.sqlType(f.dataType());  // fail before touching the database when a type has no SQL form
        }
    }

    String table() {
        return table;
    }

    /** Whether the table exists (Spark's probe: {@code SELECT 1 FROM t WHERE 1=0} succeeds). */
    boolean tableExists(Connection connection) {
        try (Statement s = connection.createStatement()) {
            s.setQueryTimeout(options.queryTimeoutSeconds);
            s.executeQuery("SELECT 1 FROM " + table + " WHERE 1=0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Creates the table; with {@code primaryKey} non-empty, those columns form its primary key. */
    void createTable(Connection connection, List<String> primaryKey) {
        Map<String, String> overrides = columnTypeOverrides();
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(table).append(" (");
        StructField[] fields = schema.fields();
        for (int i = 0; i < fields.length; i++) {
            StructField f = fields[i];
            boolean key = JdbcDialect.containsIgnoreCase(primaryKey, f.name());
            // Databases cannot index unbounded text (MySQL's LONGTEXT, TEXT): string keys get a bounded type.
            String defaultType = key && f.dataType() instanceof StringType ? KEY_STRING_TYPE
                    : dialect.sqlType(f.dataType());
            String type = overrides.getOrDefault(f.name(), defaultType);
            sql.append(i == 0 ? "" : ", ").append(dialect.quoteIdentifier(f.name())).append(' ').append(type)
                    .append(f.nullable() && !key ? "" : " NOT NULL");
        }
        if (!primaryKey.isEmpty()) {
            sql.append(", PRIMARY KEY (");
            for (int i = 0; i < primaryKey.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(dialect.quoteIdentifier(primaryKey.get(i)));
            }
            sql.append(')');
        }
        sql.append(") ").append(options.createTableOptions);
        execute(connection, sql.toString().trim(), "CREATE_TABLE", "Could not create table " + table);
    }

    void dropTable(Connection connection) {
        execute(connection, "DROP TABLE " + table, "DROP_TABLE", "Could not drop table " + table);
    }

    void truncateTable(Connection connection) {
        execute(connection, "TRUNCATE TABLE " + table, "TRUNCATE_TABLE", "Could not truncate table " + table);
    }

    /** Deletes every row inside the caller's transaction (TRUNCATE would commit it in MySQL). */
    void deleteAll(Connection connection) {
        execute(connection, "DELETE FROM " + table, "DELETE", "Could not delete the rows of table " + table);
    }

    /** {@code INSERT INTO t (cols) VALUES (?, ...)}. */
    String insertStatement() {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (");
        StructField[] fields = schema.fields();
        for (int i = 0; i < fields.length; i++) {
            sql.append(i == 0 ? "" : ", ").append(dialect.quoteIdentifier(fields[i].name()));
        }
        return sql.append(") VALUES (").append("?, ".repeat(fields.length - 1)).append("?)").toString();
    }

    /** The dialect's upsert of every column keyed by {@code keys}. */
    String upsertStatement(List<String> keys) {
        List<String> columns = new ArrayList<>();
        for (StructField f : schema.fields()) {
            columns.add(f.name());
        }
        for (String key : keys) {
            if (!JdbcDialect.containsIgnoreCase(columns, key)) {
                throw JdbcOptions.invalid("Option 'keys' names column " + key + ", which is not a column of the"
                        + " written rows: " + columns);
            }
        }
        return dialect.upsert(table, columns, keys);
    }

    /**
     * Runs {@code sql} (one {@code ?} per column, in schema order) for every row of {@code chunks}, sending
     * {@code batchsize} rows per round trip; returns the number of rows sent.
     */
    long writeRows(Connection connection, String sql, List<Chunk> chunks) {
        try (RowWriter rows = rows(connection, sql)) {
            for (Chunk chunk : chunks) {
                rows.write(chunk);
            }
            return rows.finish();
        }
    }

    /** A writer of rows through one prepared {@code sql} on {@code connection}, chunk by chunk as they come. */
    RowWriter rows(Connection connection, String sql) {
        try {
            return new RowWriter(connection.prepareStatement(sql));
        } catch (SQLException e) {
            throw JdbcConnectorException.of("INSERT", "Could not write rows to table " + table, e, options);
        }
    }

    /**
     * Binds each row of the chunks it is given to one prepared statement and sends {@code batchsize} rows per round
     * trip ({@link #finish()} sends the rest), so a batch flows to the database without being gathered. Errors name
     * the table and the column being bound. Not thread-safe; close it.
     */
    final class RowWriter implements AutoCloseable {
        private final PreparedStatement statement;
        private final ValueBinders[] binders;
        private long rows;
        private int pending;

        private RowWriter(PreparedStatement statement) throws SQLException {
            this.statement = statement;
            StructField[] fields = schema.fields();
            this.binders = new ValueBinders[fields.length];
            for (int i = 0; i < fields.length; i++) {
                binders[i] = ValueBinders.forType(fields[i].dataType(), zone);
            }
            statement.setQueryTimeout(options.queryTimeoutSeconds);
        }

        void write(Chunk chunk) {
            int column = -1;
            try {
                ColumnVector[] vectors = chunk.columns();
                for (int row = 0; row < chunk.rowCount(); row++) {
                    for (column = 0; column < binders.length; column++) {
                        binders[column].bind(statement, column + 1, vectors[column], row);
                    }
                    column = -1;
                    statement.addBatch();
                    rows++;
                    if (++pending == options.batchSize) {
                        statement.executeBatch();
                        pending = 0;
                    }
                }
            } catch (SQLException e) {
                String where = column >= 0 ? " (column " + schema.fields()[column].name() + ")" : "";
                throw JdbcConnectorException.of("INSERT", "Could not write rows to table " + table + where, e, options);
            }
        }

        /** Sends the rows not yet sent; returns how many rows were written in all. */
        long finish() {
            try {
                if (pending > 0) {
                    statement.executeBatch();
                    pending = 0;
                }
                return rows;
            } catch (SQLException e) {
                throw JdbcConnectorException.of("INSERT", "Could not write rows to table " + table, e, options);
            }
        }

        @Override
        public void close() {
            try {
                statement.close();
            } catch (SQLException e) {
                // the transaction's outcome decides; a statement that cannot close leaks nothing the connection keeps
                LOG.warn("Could not close the insert statement of table {} ({})", table, e.getSQLState());
            }
        }
    }

    private void execute(Connection connection, String sql, String subClass, String what) {
        try (Statement s = connection.createStatement()) {
            s.setQueryTimeout(options.queryTimeoutSeconds);
            s.executeUpdate(sql);
        } catch (SQLException e) {
            throw JdbcConnectorException.of(subClass, what, e, options);
        }
    }

    /** {@code createTableColumnTypes}: column name → SQL type text, passed to the database as written. */
    private Map<String, String> columnTypeOverrides() {
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (options.createTableColumnTypes == null) {
            return out;
        }
        for (String part : splitTopLevel(options.createTableColumnTypes)) {
            String trimmed = part.trim();
            int space = trimmed.indexOf(' ');
            if (space < 0) {
                throw JdbcOptions.invalid("Option 'createTableColumnTypes' needs 'column TYPE' pairs, got '" + trimmed
                        + "'");
            }
            String name = trimmed.substring(0, space).replace("`", "");
            boolean found = false;
            for (String f : schema.fieldNames()) {
                found |= f.equalsIgnoreCase(name);
            }
            if (!found) {
                throw new AnalysisException("_LEGACY_ERROR_TEMP_1137", "createTableColumnTypes option column " + name
                        + " not found in schema " + schema.simpleString() + ".", null);
            }
            out.put(name, trimmed.substring(space + 1).trim());
        }
        return out;
    }

    /** {@code text} split at commas outside parentheses ({@code DECIMAL(10,2)} stays whole). */
    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
