package dev.sluice.sql;

/**
 * Root of Sluice's exceptions (beside {@link dev.sluice.SluiceIllegalArgumentException}, for invalid arguments). Carries a Spark-style error class ({@link #getCondition()}) and SQLSTATE
 * when one applies; the message is formatted as Spark 4's: {@code [CLASS] text SQLSTATE: xxxxx} (legacy
 * {@code _LEGACY_ERROR_TEMP_*} classes print the text alone, as Spark does). Implements {@link dev.sluice.SluiceThrowable},
 * as Spark's exceptions implement {@code SparkThrowable}.
 */
public class SluiceException extends RuntimeException implements dev.sluice.SluiceThrowable {
    private static final long serialVersionUID = 1L;
    private final String condition;
    private final String sqlState;
    private final String rawMessage;

    public SluiceException(String condition, String message, String sqlState, Throwable cause) {
        super(dev.sluice.SluiceThrowable.formatMessage(condition, message, sqlState), cause);
        this.condition = condition;
        this.sqlState = sqlState;
        this.rawMessage = message;
    }

    public SluiceException(String message, Throwable cause) {
        this(null, message, null, cause);
    }

    /** The error class, e.g. {@code UNRESOLVED_COLUMN.WITH_SUGGESTION}; null when none applies. */
    @Override
    public String getCondition() {
        return condition;
    }

    /** Spark's name for {@link #getCondition()} before 4.0. */
    @Override
    @Deprecated
    public String getErrorClass() {
        return condition;
    }

    @Override
    public String getSqlState() {
        return sqlState;
    }

    /** The message text without the {@code [CLASS]} prefix and {@code SQLSTATE} suffix. */
    protected final String rawMessage() {
        return rawMessage;
    }
}
