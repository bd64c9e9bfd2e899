package dev.sluice.connectors.jdbc;

import dev.sluice.batch.Chunk;
import dev.sluice.connectors.support.SinkCheckpoint;
import dev.sluice.spi.BatchContext;
import dev.sluice.spi.BatchWriter;
import dev.sluice.spi.Sink;
import dev.sluice.spi.SinkContext;
import dev.sluice.sql.streaming.OutputMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming JDBC sink ({@code writeStream().format("jdbc")}; Spark has none and users hand-write
 * {@code foreachBatch}). Output modes: {@code append} inserts the batch's rows; {@code update} upserts them
 * keyed by option {@code keys} (MySQL/MariaDB {@code INSERT ... ON DUPLICATE KEY UPDATE}, standard
 * {@code MERGE} elsewhere); {@code complete} replaces the table's rows ({@code DELETE} then insert, so readers
 * never see it empty).
 *
 * <p><b>Exactly-once.</b> Each micro-batch is written in one database transaction (rows sent as the batch's chunks
 * arrive, {@code batchsize} per round trip, nothing gathered in memory) that also records
 * (sink id, batch id) in the commit table (option {@code commitTable}, default {@code sluice_jdbc_commits},
 * created when missing). Before writing, the sink reads its last recorded batch id, locking that row; a batch
 * whose id is not above it was already committed (the query crashed after the database commit and before the
 * engine's commit log) and is skipped. A crash before the database commit rolls the whole batch back, and the
 * engine re-runs it with the same rows. So each batch's rows are applied exactly once, provided the source is
 * replayable. The sink id is option {@code sinkId}, else the query id from the checkpoint (stable across
 * restarts, new when the checkpoint is deleted); with a temporary checkpoint (no restarts) a random id.
 *
 * <p>A missing target table is created from the rows' schema (with the {@code keys} as primary key in update
 * mode); an existing table must have a unique key on {@code keys} for MySQL's upsert. DDL runs before the
 * batch transaction (MySQL commits DDL implicitly). Called from the query's execution thread only; holds one
 * connection, reopened when it is no longer valid, closed by {@link #stop()}.
 */
final class JdbcStreamingSink implements Sink {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStreamingSink.class);

    private final JdbcOptions options;
    private final JdbcDialect dialect;
    private final JdbcTableWriter writer;
    private final OutputMode mode;
    private final Path checkpoint;
    private String sinkId;
    private Connection connection;
    private boolean tablesReady;

    JdbcStreamingSink(SinkContext context) {
        this.options = new JdbcOptions(context.options());
        this.dialect = JdbcDialect.forUrl(options.url);
        this.writer = new JdbcTableWriter(options, dialect, context.schema(),
                context.session().conf().sessionTimeZone());
        this.mode = context.outputMode();
        if (mode == OutputMode.Update() && options.keys.isEmpty()) {
            throw JdbcOptions.invalid("The jdbc sink writes update mode as an upsert and needs option 'keys' (the"
                    + " comma-separated key columns of table " + writer.table() + ").");
        }
        if (mode == OutputMode.Update()) {
            writer.upsertStatement(options.keys);  // checks that the keys are columns, before the query starts
        }
        if (options.isolationLevel == Connection.TRANSACTION_NONE) {
            throw JdbcOptions.invalid("The jdbc sink commits each batch in a transaction; option 'isolationLevel'"
                    + " cannot be NONE.");
        }
        this.checkpoint = SinkCheckpoint.location(context);
        this.sinkId = options.sinkId;
    }

    @Override
    public BatchWriter newBatchWriter(BatchContext batch) {
        return new BatchTransaction(batch.batchId());
    }

    /**
     * One micro-batch in one database transaction: opened at the first chunk (or at commit for an empty batch), rows
     * sent as chunks arrive (in {@code batchsize} round trips, nothing gathered), the batch id recorded and the
     * transaction committed at {@link #commit()}; any failure rolls everything back. A batch id the commit table
     * already holds is skipped (its rows are discarded).
     */
    private final class BatchTransaction implements BatchWriter {
        private final long batchId;
        private Connection c;
        private boolean transactional;
        private boolean autoCommit;
        private long last;
        private boolean skip;
        private JdbcTableWriter.RowWriter rows;
        private boolean begun;
        private boolean open;

        BatchTransaction(long batchId) {
            this.batchId = batchId;
        }

        /** Connects and creates missing tables: failures here name the connection or table, not the batch. */
        private void connect() {
            if (c == null) {
                Connection opened = connection();
                prepareTables(opened);
                c = opened;
            }
        }

        private void begin() throws SQLException {
            if (begun) {
                return;
            }
            begun = true;
            transactional = c.getMetaData().supportsTransactions();
            autoCommit = c.getAutoCommit();
            if (transactional) {
                c.setTransactionIsolation(options.isolationLevel);
                c.setAutoCommit(false);
            }
            open = true;
            last = lastCommittedBatch(c);
            if (batchId <= last) {
                LOG.info("Batch {} of sink {} was already committed to table {} (last committed batch {}); skipping it",
                        batchId, sinkId(), writer.table(), last);
                skip = true;
                return;
            }
            if (mode == OutputMode.Complete()) {
                writer.deleteAll(c);
            }
            rows = writer.rows(c, mode == OutputMode.Update() ? writer.upsertStatement(options.keys)
                    : writer.insertStatement());
        }

        @Override
        public void write(Chunk chunk) {
            connect();
            run(() -> {
                begin();
                if (!skip) {
                    rows.write(chunk);
                }
            });
        }

        @Override
        public void commit() {
            connect();
            run(() -> {
                begin();
                if (!skip) {
                    rows.finish();
                    recordCommit(c, batchId, last >= 0);
                }
                if (transactional) {
                    c.commit();
                }
                end();
            });
        }

        @Override
        public void abort(Throwable cause) {
            rollback(cause);
        }

        /** Runs a step of the batch; a failure rolls the transaction back and names the batch and the table. */
        private void run(SqlStep step) {
            try {
                step.run();
            } catch (SQLException e) {
                rollback(e);
                throw JdbcConnectorException.of("STREAMING_WRITE", "Could not commit batch " + batchId + " to table "
                        + writer.table() + " (rolled back)", e, options);
            } catch (JdbcConnectorException e) {
                rollback(e);
                throw new JdbcConnectorException("FAILED_JDBC.STREAMING_WRITE", "Could not commit batch " + batchId
                        + " to table " + writer.table() + " (rolled back): " + e.getMessage(), e);
            } catch (RuntimeException e) {
                rollback(e);
                throw e;
            }
        }

        private void rollback(Throwable cause) {
            if (!open) {
                return;
            }
            try {
                if (transactional) {
                    c.rollback();
                }
            } catch (SQLException rollbackFailure) {
                cause.addSuppressed(rollbackFailure);
            }
            try {
                end();
            } catch (SQLException restoreFailure) {
                cause.addSuppressed(restoreFailure);
            }
        }

        /** Closes the statement and gives the connection back its auto-commit setting. */
        private void end() throws SQLException {
            open = false;
            if (rows != null) {
                rows.close();
                rows = null;
            }
            if (transactional) {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /** A step of a batch transaction. */
    @FunctionalInterface
    private interface SqlStep {
        void run() throws SQLException;
    }

    /** The last batch id committed by this sink, -1 when none; locks the commit row until the transaction ends. */
    private long lastCommittedBatch(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT batch_id FROM " + options.commitTable
                + " WHERE sink_id = ? FOR UPDATE")) {
            s.setString(1, sinkId());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    private void recordCommit(Connection c, long batchId, boolean exists) throws SQLException {
        String sql = exists ? "UPDATE " + options.commitTable + " SET batch_id = ? WHERE sink_id = ?"
                : "INSERT INTO " + options.commitTable + " (batch_id, sink_id) VALUES (?, ?)";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, batchId);
            s.setString(2, sinkId());
            s.executeUpdate();
        }
    }

    /** Creates the commit table and the target table when missing (DDL, outside any batch transaction). */
    private void prepareTables(Connection c) {
        if (tablesReady) {
            return;
        }
        try {
            c.setAutoCommit(true);
            if (!exists(c, options.commitTable)) {
                try (var s = c.createStatement()) {
                    s.executeUpdate("CREATE TABLE " + options.commitTable + " (sink_id VARCHAR(255) NOT NULL PRIMARY"
                            + " KEY, batch_id BIGINT NOT NULL)");
                } catch (SQLException e) {
                    if (!exists(c, options.commitTable)) {  // another sink may have created it meanwhile
                        throw JdbcConnectorException.of("CREATE_TABLE", "Could not create the commit table "
                                + options.commitTable + " (option 'commitTable')", e, options);
                    }
                }
            }
        } catch (SQLException e) {
            throw JdbcConnectorException.of("CONNECT", "Could not prepare the commit table " + options.commitTable, e,
                    options);
        }
        if (!writer.tableExists(c)) {
            writer.createTable(c, mode == OutputMode.Update() ? options.keys : List.of());
        }
        tablesReady = true;
    }

    private boolean exists(Connection c, String table) {
        try (var s = c.createStatement()) {
            s.executeQuery("SELECT 1 FROM " + table + " WHERE 1=0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private String sinkId() {
        if (sinkId == null) {
            sinkId = checkpoint != null ? SinkCheckpoint.queryId(checkpoint, "FAILED_JDBC.NO_QUERY_ID")
                    : "temporary-" + UUID.randomUUID();
        }
        return sinkId;
    }

    private Connection connection() {
        try {
            if (connection != null && !connection.isClosed() && connection.isValid(5)) {
                return connection;
            }
        } catch (SQLException e) {
            LOG.warn("The connection of the jdbc sink for table {} is broken ({}); opening a new one", writer.table(),
                    e.getSQLState());
        }
        closeConnection();
        connection = JdbcConnections.open(options);
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.warn("Could not close the connection of the jdbc sink for table {} ({})", writer.table(),
                        e.getSQLState());
            }
            connection = null;
        }
    }

    @Override
    public void stop() {
        closeConnection();
    }

    @Override
    public String description() {
        return "JdbcSink[table=" + writer.table() + ", mode=" + mode + "]";
    }
}
