package dev.sluice;

import java.util.Map;

/**
 * What every Sluice exception tells about itself, as Spark's {@code org.apache.spark.SparkThrowable}: the error
 * condition (Spark's error class, e.g. {@code UNRESOLVED_COLUMN.WITH_SUGGESTION}), its SQLSTATE and the parameters
 * of its message. Implemented by {@link dev.sluice.sql.SluiceException}, the root of every exception Sluice
 * throws, so {@code catch (SluiceThrowable e)} or {@code if (e instanceof SluiceThrowable t)} sees them all.
 * Values are fixed when the exception is created; safe to read from any thread.
 */
public interface SluiceThrowable {
    /** The error condition, e.g. {@code DIVIDE_BY_ZERO}; null when none applies. */
    String getCondition();

    /** Spark's name for {@link #getCondition()} before 4.0. */
    @Deprecated
    default String getErrorClass() {
        return getCondition();
    }

    /** The SQLSTATE of the condition, e.g. {@code 22012}; null when none applies. */
    String getSqlState();

    /** Whether this is an internal error ({@code INTERNAL_ERROR} and its sub-conditions): a bug, not the input. */
    default boolean isInternalError() {
        String condition = getCondition();
        return condition != null && condition.startsWith("INTERNAL_ERROR");
    }

    /**
     * The values that fill the condition's message template, by parameter name. Sluice builds its messages whole,
     * so this is empty unless an exception records them (Spark's default is empty too).
     */
    default Map<String, String> getMessageParameters() {
        return Map.of();
    }

    /**
     * The message of every Sluice exception, as Spark 4 formats its own: {@code [CONDITION] text SQLSTATE: xxxxx}
     * (legacy {@code _LEGACY_ERROR_TEMP_*} conditions print the text alone; a null condition or state is left out).
     */
    static String formatMessage(String condition, String text, String sqlState) {
        StringBuilder sb = new StringBuilder();
        if (condition != null && !condition.startsWith("_LEGACY_ERROR_")) {
            sb.append('[').append(condition).append("] ");
        }
        sb.append(text);
        if (sqlState != null) {
            sb.append(" SQLSTATE: ").append(sqlState);
        }
        return sb.toString();
    }
}
