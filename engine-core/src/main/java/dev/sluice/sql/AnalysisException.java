package dev.sluice.sql;

/**
 * Thrown when a query is invalid: an unknown column or function, a type mismatch, or an operation the
 * streaming engine does not support. Raised when the plan is built (eagerly, as Spark), never mid-run.
 * {@link #getCondition()} is the Spark 4 error class, e.g. {@code UNRESOLVED_COLUMN.WITH_SUGGESTION}.
 */
public class AnalysisException extends SluiceException {
    private static final long serialVersionUID = 1L;
    /** Spark's plan annotation ({@code ";\n<plan>"}) printed after the message, or empty. */
    private final String planAnnotation;

    public AnalysisException(String condition, String message, String sqlState) {
        this(condition, message, sqlState, null);
    }

    /** An error with the exception that revealed it or made the query invalid (Spark's {@code cause}). */
    public AnalysisException(String condition, String message, String sqlState, Throwable cause) {
        super(condition, message, sqlState, cause);
        this.planAnnotation = "";
    }

    public AnalysisException(String message) {
        this(null, message, null, null);
    }

    private AnalysisException(AnalysisException e, String planAnnotation) {
        super(e.getCondition(), e.rawMessage(), e.getSqlState(), e.getCause());
        this.planAnnotation = planAnnotation;
        setStackTrace(e.getStackTrace());
    }

    /**
     * This error as Spark's analyzer reports it, with the plan it was found in: the message, then {@code ;},
     * a line break and {@code plan} (Spark's {@code ExtendedAnalysisException}). Sluice's plan text is its own
     * tree, not Spark's.
     */
    public AnalysisException withPlan(String plan) {
        return new AnalysisException(this, ";\n" + plan.stripTrailing());
    }

    @Override
    public String getMessage() {
        return super.getMessage() + planAnnotation;
    }
}
