package dev.sluice.expr;

import java.time.ZoneId;
import java.util.Map;

/**
 * What a function builder may need from the session when it resolves a call: the session time zone
 * ({@code spark.sql.session.timeZone}), whether ANSI mode is on ({@code spark.sql.ansi.enabled}) and the
 * functions registered in the session ({@code session.udf().register}; lower-case names, looked up before the
 * built-in ones, as Spark's temporary functions).
 */
public record FunctionContext(ZoneId sessionTimeZone, boolean ansiEnabled,
                              Map<String, FunctionBuilder> sessionFunctions) {
    /** UTC, ANSI on: the defaults used by tests and by expressions built outside a session. */
    public static final FunctionContext DEFAULT = new FunctionContext(ZoneId.of("UTC"), true);

    /** A context without session functions. */
    public FunctionContext(ZoneId sessionTimeZone, boolean ansiEnabled) {
        this(sessionTimeZone, ansiEnabled, Map.of());
    }
}
