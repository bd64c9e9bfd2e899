package dev.sluice.connectors.jdbc;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.spi.Scan;
import dev.sluice.spi.SupportsPushDownFilters;
import dev.sluice.sql.sources.Filter;
import dev.sluice.sql.SluiceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads a JDBC table or query when the plan runs: one {@code SELECT <columns> FROM <table> WHERE ...} per
 * partition (range partitions of {@link JdbcPartitioning}, read concurrently, one connection each, results in
 * partition order), with the pushed filter's clauses and bound parameters. Every read opens fresh connections,
 * so each action (and, with {@code refreshEachBatch}, each micro-batch) sees the table as it is then.
 *
 * <p>Immutable and thread-safe; {@link #pushFilters} returns a new scan. {@link #describe()} names the table,
 * the partition count and the pushed filters, never the URL or credentials.
 */
final class JdbcScan implements SupportsPushDownFilters {
    private static final int MAX_THREADS = 16;
    private static final AtomicInteger THREAD_IDS = new AtomicInteger();

    private final JdbcOptions options;
    private final JdbcDialect dialect;
    private final List<JdbcColumn> columns;
    private final JdbcFilters filters;
    private final ZoneId zone;
    private final List<String> partitions;
    private final JdbcFilters.Pushed pushed;

    JdbcScan(JdbcOptions options, JdbcDialect dialect, List<JdbcColumn> columns, JdbcFilters filters, ZoneId zone,
             List<String> partitions, JdbcFilters.Pushed pushed) {
        this.options = options;
        this.dialect = dialect;
        this.columns = List.copyOf(columns);
        this.filters = filters;
        this.zone = zone;
        this.partitions = java.util.Collections.unmodifiableList(new ArrayList<>(partitions));
        this.pushed = pushed;
    }

    @Override
    public Scan pushFilters(List<Filter> conjuncts) {
        if (!options.pushDownPredicate) {
            return this;
        }
        JdbcFilters.Pushed more = filters.push(conjuncts);
        if (more.clauses().isEmpty()) {
            return this;
        }
        return new JdbcScan(options, dialect, columns, filters, zone, partitions, pushed.and(more));
    }

    @Override
    public Iterator<Chunk> read() {
        return readAll().iterator();
    }

    /** Every partition's rows, in partition order (the partitions are read concurrently). */
    private List<Chunk> readAll() {
        if (partitions.size() == 1) {
            return readPartition(0);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(partitions.size(), MAX_THREADS), r -> {
            Thread t = new Thread(r, "sluice-jdbc-read-" + THREAD_IDS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<Chunk>>> futures = new ArrayList<>();
            for (int i = 0; i < partitions.size(); i++) {
                int partition = i;
                futures.add(pool.submit(() -> readPartition(partition)));
            }
            List<Chunk> all = new ArrayList<>();
            for (Future<List<Chunk>> f : futures) {
                all.addAll(f.get());
            }
            return all;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException("FAILED_JDBC.READ", "Interrupted while reading " + options.displayName(), null, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new SluiceException("FAILED_JDBC.READ", "Could not read " + options.displayName(), null, e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The statement of partition {@code index}, with {@code ?} for the pushed filters' parameters. */
    String sql(int index) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(dialect.quoteIdentifier(columns.get(i).name()));
        }
        sql.append(" FROM ").append(options.tableOrQuery);
        List<String> conditions = new ArrayList<>(pushed.clauses());
        if (partitions.get(index) != null) {
            conditions.add(partitions.get(index));
        }
        for (int i = 0; i < conditions.size(); i++) {
            sql.append(i == 0 ? " WHERE " : " AND ").append('(').append(conditions.get(i)).append(')');
        }
        return sql.toString();
    }

    private List<Chunk> readPartition(int index) {
        String sql = sql(index);
        ColumnReaders[] readers = new ColumnReaders[columns.size()];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = ColumnReaders.forType(columns.get(i).type(), columns.get(i).sqlType(), zone);
        }
        List<Chunk> chunks = new ArrayList<>();
        int column = -1;
        try (Connection connection = JdbcConnections.openForRead(options);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setFetchSize(options.fetchSize);
            statement.setQueryTimeout(options.queryTimeoutSeconds);
            for (int p = 0; p < pushed.parameters().size(); p++) {
                statement.setObject(p + 1, pushed.parameters().get(p));
            }
            try (ResultSet rs = statement.executeQuery()) {
                ColumnVector[] vectors = newVectors();
                int rows = 0;
                while (rs.next()) {
                    for (column = 0; column < readers.length; column++) {
                        readers[column].read(rs, column + 1, vectors[column]);
                    }
                    column = -1;
                    if (++rows == Chunk.DEFAULT_ROWS) {
                        chunks.add(new Chunk(rows, vectors));
                        vectors = newVectors();
                        rows = 0;
                    }
                }
                if (rows > 0) {
                    chunks.add(new Chunk(rows, vectors));
                }
            }
        } catch (SQLException e) {
            String where = column >= 0 ? "column " + columns.get(column).name() + " (as "
                    + columns.get(column).type().simpleString() + ") of " : "";
            throw JdbcConnectorException.of("READ", "Could not read " + where + options.displayName()
                    + (partitions.size() > 1 ? " (partition " + index + ": " + partitions.get(index) + ")" : ""), e,
                    options);
        }
        return chunks;
    }

    private ColumnVector[] newVectors() {
        ColumnVector[] vectors = new ColumnVector[columns.size()];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = ColumnVector.allocate(columns.get(i).type(), Chunk.DEFAULT_ROWS);
        }
        return vectors;
    }

    /** The filters pushed into the statement, as engine SQL (for tests and plans). */
    List<String> pushedFilters() {
        return pushed.shown();
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("JDBCRelation(").append(options.displayName()).append(") [numPartitions=")
                .append(partitions.size()).append("] PushedFilters: [").append(String.join(", ", pushed.shown()))
                .append(']');
        if (!pushed.clauses().isEmpty()) {
            sb.append(" WHERE ");
            for (int i = 0; i < pushed.clauses().size(); i++) {
                sb.append(i == 0 ? "" : " AND ").append('(').append(pushed.clauses().get(i)).append(')');
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
