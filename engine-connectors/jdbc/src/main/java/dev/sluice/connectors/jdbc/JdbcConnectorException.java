package dev.sluice.connectors.jdbc;

import dev.sluice.connectors.support.Redaction;
import dev.sluice.sql.SluiceException;
import java.sql.SQLException;

/**
 * A failure of the JDBC connector at run time (connection refused, rejected statement, type mismatch), with
 * error class {@code FAILED_JDBC.*} and a message naming the table, column or option involved. Messages and
 * causes never contain the password: the driver's message is scrubbed and the driver exception is replaced
 * by a copy with the scrubbed message (same SQLState and vendor code).
 */
public class JdbcConnectorException extends SluiceException {
    private static final long serialVersionUID = 1L;

    JdbcConnectorException(String condition, String message, Throwable cause) {
        super(condition, message, cause instanceof SQLException s ? s.getSQLState() : null, cause);
    }

    /**
     * {@code FAILED_JDBC.<subClass>}: "{@code what}: the driver's message", secrets of {@code options} hidden.
     */
    static JdbcConnectorException of(String subClass, String what, SQLException e, JdbcOptions options) {
        String driverMessage = Redaction.scrub(e.getMessage(), options.secrets());
        SQLException clean = new SQLException(driverMessage, e.getSQLState(), e.getErrorCode());
        clean.setStackTrace(e.getStackTrace());
        return new JdbcConnectorException("FAILED_JDBC." + subClass, what + ": " + driverMessage, clean);
    }
}
