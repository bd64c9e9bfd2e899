package dev.sluice.monitor;

import dev.sluice.sql.SluiceException;
import dev.sluice.sql.streaming.StreamingQueryException;

/**
 * Why a query failed, as the log and the UI show it: the error class of the underlying error (its Spark condition,
 * else its Java class) and its message without the repeated {@code [CLASS] } prefix.
 *
 * @param errorClass e.g. {@code CAST_INVALID_INPUT}, or {@code java.lang.IllegalStateException}
 * @param message the underlying error's message
 */
public record QueryFailure(String errorClass, String message) {
    /** The failure behind {@code e} (its cause; {@code e} itself when it has none). */
    public static QueryFailure of(StreamingQueryException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        String condition = cause instanceof dev.sluice.SluiceThrowable se ? se.getCondition() : null;
        String errorClass = condition == null ? cause.getClass().getName() : condition;
        String message = String.valueOf(cause.getMessage());
        if (message.startsWith("[" + errorClass + "] ")) {
            message = message.substring(errorClass.length() + 3); // the class is shown once, in front
        }
        return new QueryFailure(errorClass, message);
    }
}
