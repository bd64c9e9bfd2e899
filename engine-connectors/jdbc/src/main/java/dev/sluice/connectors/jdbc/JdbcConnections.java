package dev.sluice.connectors.jdbc;

import dev.sluice.sql.SluiceException;
import java.lang.reflect.InvocationTargetException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Opens connections for the JDBC connector: with the class named by option {@code driver} when given (as
 * Spark, which then does not depend on {@link DriverManager} registration), else through
 * {@link DriverManager}, so any JDBC 4 driver on the class path works. Stateless.
 */
final class JdbcConnections {
    private JdbcConnections() {
    }

    /** A new connection; the caller closes it. Errors name the redacted URL and the table. */
    static Connection open(JdbcOptions options) {
        try {
            Connection connection;
            if (options.driverClass != null) {
                Driver driver = loadDriver(options.driverClass);
                connection = driver.connect(options.url, options.connectionProperties());
                if (connection == null) {
                    throw new JdbcConnectorException("FAILED_JDBC.CONNECT", "Driver " + options.driverClass
                            + " (option 'driver') does not accept URL " + options.redactedUrl(), null);
                }
            } else {
                connection = DriverManager.getConnection(options.url, options.connectionProperties());
            }
            return connection;
        } catch (SQLException e) {
            throw JdbcConnectorException.of("CONNECT", "Could not connect to " + options.redactedUrl() + " for table "
                    + options.displayName(), e, options);
        } catch (RuntimeException e) {
            if (e instanceof JdbcConnectorException) {
                throw e;
            }
            // A driver may reject a malformed URL with an unchecked exception quoting it: same treatment.
            throw JdbcConnectorException.of("CONNECT", "Could not connect to " + options.redactedUrl() + " for table "
                    + options.displayName(), new SQLException(e.getClass().getName() + ": " + e.getMessage(), e),
                    options);
        }
    }

    /** Opens a connection and runs {@code sessionInitStatement} on it, if set (reads, as Spark). */
    static Connection openForRead(JdbcOptions options) {
        Connection connection = open(options);
        if (options.sessionInitStatement != null) {
            try (Statement s = connection.createStatement()) {
                s.execute(options.sessionInitStatement);
            } catch (SQLException e) {
                closeQuietly(connection, e);
                throw JdbcConnectorException.of("SESSION_INIT", "Option 'sessionInitStatement' failed before reading "
                        + options.displayName(), e, options);
            }
        }
        return connection;
    }

    /** Closes {@code connection} after {@code failure}, attaching a close failure to it as suppressed. */
    static void closeQuietly(Connection connection, Exception failure) {
        try {
            connection.close();
        } catch (SQLException closeFailure) {
            failure.addSuppressed(closeFailure);
        }
    }

    private static Driver loadDriver(String className) {
        try {
            Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : JdbcConnections.class.getClassLoader());
            return (Driver) type.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new SluiceException("FAILED_JDBC.DRIVER", "JDBC driver class " + className + " (option 'driver') is"
                    + " not on the class path", null, e);
        } catch (ReflectiveOperationException | ClassCastException e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            throw new SluiceException("FAILED_JDBC.DRIVER", "Cannot instantiate JDBC driver class " + className
                    + " (option 'driver'): " + cause, null, cause);
        }
    }
}
