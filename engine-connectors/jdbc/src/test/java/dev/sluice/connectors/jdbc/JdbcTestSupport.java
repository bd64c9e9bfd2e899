package dev.sluice.connectors.jdbc;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.DataFrameReader;
import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingTestHooks;
import dev.sluice.stream.BatchHooks;
import dev.sluice.testkit.EmbeddedMariaDb;
import dev.sluice.testkit.MariaDbExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real MariaDB (one per test JVM), a database of its own per test class, a password given with every
 * connection (so every test exercises credentials and their redaction), a UTC session, and plain-JDBC helpers to set up and check
 * tables behind the connector's back.
 */
@ExtendWith(MariaDbExtension.class)
abstract class JdbcTestSupport {
    /** The embedded server's user (it runs with {@code --skip-grant-tables}, so any password is accepted). */
    static final String USER = "root";
    /** A password the connector is given and must never show. */
    static final String PASSWORD = "Pa55-w0rd-never-shown";
    private static final AtomicInteger TABLES = new AtomicInteger();

    EmbeddedMariaDb mariaDb;
    SluiceSession spark;
    String database;

    @BeforeEach
    void setUpDatabase(EmbeddedMariaDb server) {
        mariaDb = server;
        database = "t_" + getClass().getSimpleName().toLowerCase();
        server.createDatabase(database);
        spark = Sluice.builder().appName("jdbc-tests").master("local[2]")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
        spark.conf().set("spark.sql.shuffle.partitions", "2");
        spark.streams().resetTerminated();
    }

    @AfterEach
    void stopQueries() throws Exception {
        if (spark == null) {
            return;
        }
        for (StreamingQuery q : spark.streams().active()) {
            q.stop();
        }
        StreamingTestHooks.set(spark, BatchHooks.NONE);
        spark.streams().resetTerminated();
    }

    String url() {
        return mariaDb.jdbcUrl(database);
    }

    /** A fresh table name. */
    static String table(String prefix) {
        return prefix + "_" + TABLES.incrementAndGet();
    }

    /** A reader with url, user and password set. */
    DataFrameReader reader() {
        return spark.read().format("jdbc").option("url", url()).option("user", USER).option("password", PASSWORD);
    }

    Dataset<Row> readTable(String table) {
        return reader().option("dbtable", table).load();
    }

    Properties credentials() {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", PASSWORD);
        return p;
    }

    /** Runs statements over plain JDBC as the test user. */
    void execute(String... statements) {
        try (Connection c = DriverManager.getConnection(url(), USER, PASSWORD); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test setup failed: " + e.getMessage(), e);
        }
    }

    /** The rows of a query over plain JDBC, each value as {@code getString} gives it. */
    List<List<String>> query(String sql) {
        try (Connection c = DriverManager.getConnection(url(), USER, PASSWORD); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("test query failed: " + e.getMessage(), e);
        }
    }

    /** The rows of a Dataset as strings ({@code Row.toString}), sorted. */
    static List<String> sortedRows(Dataset<Row> ds) {
        List<String> out = new ArrayList<>();
        for (Row r : ds.collectAsList()) {
            out.add(r.toString());
        }
        out.sort(null);
        return out;
    }
}
