package dev.sluice.sql;

/**
 * Thrown when a query is invalid: an unknown column or function, a type mismatch, or an operation the
 * streaming engine does not support. Raised when the plan is built (eagerly, as Spark), never mid-run.
 * {@link #getCondition()} is the Spark 4 error class, e.g. {@code UNRESOLVED_COLUMN.WITH_SUGGESTION}.
 */
public class AnalysisException extends SluiceException {
    private static final long serialVersionUID = 1L;

    public AnalysisException(String condition, String message, String sqlState) {
        super(condition, message, sqlState, null);
    }

    /** With the exception that made the query invalid (e.g. the parser's). */
    public AnalysisException(String condition, String message, String sqlState, Throwable cause) {
        super(condition, message, sqlState, cause);
    }

    public AnalysisException(String message) {
        super(null, message, null, null);
    }
}
