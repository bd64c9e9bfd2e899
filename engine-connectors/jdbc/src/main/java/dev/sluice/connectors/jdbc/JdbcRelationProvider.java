package dev.sluice.connectors.jdbc;

import dev.sluice.batch.Chunk;
import dev.sluice.spi.BatchRows;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.SaveMode;
import dev.sluice.sql.SluiceSession;
import dev.sluice.spi.BatchFormatProvider;
import dev.sluice.sql.types.StructType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code session.read().format("jdbc")} and {@code dataset.write().format("jdbc")}, as Spark's
 * {@code JdbcRelationProvider}.
 *
 * <p>Reads: {@code load()} connects once to learn the columns, then returns a Dataset over a
 * {@link JdbcScan} (the SPI's {@link dev.sluice.spi.Scan}) that reads the rows each time the plan runs (lazily), in parallel range
 * partitions when asked, with simple filters pushed into the statement.
 *
 * <p>Writes: save modes as Spark's: when the table exists, {@code append} inserts, {@code overwrite} drops and
 * recreates it (or truncates it with {@code truncate=true} where TRUNCATE cannot cascade), {@code errorIfExists}
 * fails ({@code _LEGACY_ERROR_TEMP_1288}), {@code ignore} does nothing; a missing table is created. Rows are
 * inserted in one transaction (unless {@code isolationLevel=NONE}), so a failed write leaves no rows behind;
 * a crash between a drop and the commit of the inserts can leave the table empty or missing, as in Spark.
 * Stateless and thread-safe.
 */
public final class JdbcRelationProvider implements BatchFormatProvider {
    @Override
    public String shortName() {
        return "jdbc";
    }

    @Override
    public Dataset<Row> read(SluiceSession session, Map<String, String> options, StructType schema, List<String> paths) {
        if (schema != null) {
            throw new AnalysisException("_LEGACY_ERROR_TEMP_1133", "jdbc does not allow user-specified schemas.", null);
        }
        if (!paths.isEmpty()) {
            throw JdbcOptions.invalid("The jdbc source reads tables, not paths: " + paths);
        }
        JdbcOptions jdbc = new JdbcOptions(options);
        JdbcDialect dialect = JdbcDialect.forUrl(jdbc.url);
        List<JdbcColumn> columns;
        // As Spark, sessionInitStatement runs on the connections that read rows, not on the one learning columns.
        try (Connection connection = JdbcConnections.open(jdbc)) {
            columns = JdbcSchemas.resolve(connection, jdbc, dialect);
        } catch (SQLException e) {
            throw JdbcConnectorException.of("CONNECT", "Could not close the connection to " + jdbc.redactedUrl(), e, jdbc);
        }
        ZoneId zone = session.conf().sessionTimeZone();
        List<String> partitions = JdbcPartitioning.whereClauses(jdbc, columns, dialect, zone);
        StructType tableSchema = JdbcSchemas.schema(columns);
        Map<String, JdbcColumn> byName = new HashMap<>();
        for (int i = 0; i < tableSchema.length(); i++) {
            byName.put(tableSchema.apply(i).name(), columns.get(i));
        }
        JdbcScan scan = new JdbcScan(jdbc, dialect, columns, new JdbcFilters(byName, dialect, zone), zone, partitions,
                JdbcFilters.Pushed.NONE);
        return BatchRows.toDataset(session, tableSchema, scan, jdbc.refreshEachBatch);
    }

    @Override
    public void write(Dataset<Row> data, Map<String, String> options, SaveMode mode, List<String> partitionColumns,
                      String path) {
        if (!partitionColumns.isEmpty() || path != null) {
            throw JdbcOptions.invalid("The jdbc sink writes tables: partitionBy and paths are not supported");
        }
        JdbcOptions jdbc = new JdbcOptions(options);
        JdbcDialect dialect = JdbcDialect.forUrl(jdbc.url);
        JdbcTableWriter writer = new JdbcTableWriter(jdbc, dialect, data.schema(),
                data.sparkSession().conf().sessionTimeZone());
        List<Chunk> chunks = BatchRows.collect(data);
        try (Connection connection = JdbcConnections.open(jdbc)) {
            if (writer.tableExists(connection)) {
                switch (mode) {
                    case Overwrite -> {
                        if (jdbc.truncate && !dialect.truncateMayCascade()) {
                            writer.truncateTable(connection);
                        } else {
                            writer.dropTable(connection);
                            writer.createTable(connection, List.of());
                        }
                    }
                    case Append -> {
                    }
                    case ErrorIfExists -> throw new AnalysisException("_LEGACY_ERROR_TEMP_1288", "Table or view '"
                            + writer.table() + "' already exists. SaveMode: ErrorIfExists.", null);
                    case Ignore -> {
                        return;
                    }
                    default -> throw new IllegalStateException("unknown save mode " + mode);
                }
            } else {
                writer.createTable(connection, List.of());
            }
            inTransaction(connection, jdbc, () -> writer.writeRows(connection, writer.insertStatement(), chunks));
        } catch (SQLException e) {
            throw JdbcConnectorException.of("WRITE", "Could not write table " + writer.table(), e, jdbc);
        }
    }

    /**
     * Runs {@code work} in one transaction at the {@code isolationLevel} option when the database supports
     * transactions and the level is not NONE (Spark's rule), rolling back on failure; else with auto-commit.
     */
    static <T> T inTransaction(Connection connection, JdbcOptions options, Callable<T> work) throws SQLException {
        boolean transactional = options.isolationLevel != Connection.TRANSACTION_NONE
                && connection.getMetaData().supportsTransactions();
        if (!transactional) {
            return call(work);
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setTransactionIsolation(options.isolationLevel);
        connection.setAutoCommit(false);
        try {
            T result = call(work);
            connection.commit();
            return result;
        } catch (RuntimeException | SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static <T> T call(Callable<T> work) throws SQLException {
        try {
            return work.call();
        } catch (RuntimeException | SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
