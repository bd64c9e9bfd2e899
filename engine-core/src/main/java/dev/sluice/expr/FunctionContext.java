package dev.sluice.expr;

import java.time.ZoneId;

/**
 * What a function builder may need from the session when it resolves a call: the session time zone
 * ({@code spark.sql.session.timeZone}) and whether ANSI mode is on ({@code spark.sql.ansi.enabled}).
 */
public record FunctionContext(ZoneId sessionTimeZone, boolean ansiEnabled) {
    /** UTC, ANSI on: the defaults used by tests and by expressions built outside a session. */
    public static final FunctionContext DEFAULT = new FunctionContext(ZoneId.of("UTC"), true);
}
