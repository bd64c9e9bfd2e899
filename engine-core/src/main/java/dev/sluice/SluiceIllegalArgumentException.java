package dev.sluice;

/**
 * An invalid argument, option or setting given by the user, with an error class: Spark's
 * {@code org.apache.spark.SparkIllegalArgumentException}. It is an {@link IllegalArgumentException}, so code that
 * catches that (Spark's {@code require} failures are IllegalArgumentExceptions too) keeps working, and a
 * {@link SluiceThrowable}, so its {@link #getCondition() condition} and SQLSTATE can be read as every other Sluice
 * error's. The message is formatted as Spark 4's: {@code [CONDITION] text SQLSTATE: xxxxx}. Option values that may be
 * secrets never appear in it (see {@link dev.sluice.conf.OptionValues}). Immutable; safe to share between threads.
 */
public class SluiceIllegalArgumentException extends IllegalArgumentException implements SluiceThrowable {
    private static final long serialVersionUID = 1L;
    private final String condition;
    private final String sqlState;

    public SluiceIllegalArgumentException(String condition, String message, String sqlState) {
        this(condition, message, sqlState, null);
    }

    public SluiceIllegalArgumentException(String condition, String message, String sqlState, Throwable cause) {
        super(SluiceThrowable.formatMessage(condition, message, sqlState), cause);
        this.condition = condition;
        this.sqlState = sqlState;
    }

    @Override
    public String getCondition() {
        return condition;
    }

    @Override
    public String getSqlState() {
        return sqlState;
    }
}
