package dev.sluice.expr.generator;

import dev.sluice.expr.CalendarInterval;
import dev.sluice.expr.Cast;
import dev.sluice.expr.Expression;
import dev.sluice.expr.FunctionContext;
import dev.sluice.expr.FunctionRegistry;
import dev.sluice.expr.Literal;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.DataTypes;
import java.util.List;

/** Registers the generators: explode, explode_outer, posexplode, posexplode_outer and window. */
public final class Generators {
    private Generators() {
    }

    public static void registerAll(FunctionRegistry r) {
        r.register("explode", (a, c) -> explode("explode", a, false, false));
        r.register("explode_outer", (a, c) -> explode("explode_outer", a, false, true));
        r.register("posexplode", (a, c) -> explode("posexplode", a, true, false));
        r.register("posexplode_outer", (a, c) -> explode("posexplode_outer", a, true, true));
        r.register("window", Generators::window);
        r.register("session_window", Generators::sessionWindow);
    }

    private static Expression explode(String name, List<Expression> a, boolean position, boolean outer) {
        FunctionRegistry.checkArity(name, a, 1, 1);
        return new Explode(a.get(0), position, outer);
    }

    private static Expression window(List<Expression> a, FunctionContext c) {
        FunctionRegistry.checkArity("window", a, 2, 4);
        Expression time = Cast.castIfNeeded(a.get(0), DataTypes.TimestampType, c);
        long window = duration(a.get(1), "windowDuration");
        long slide = a.size() > 2 ? duration(a.get(2), "slideDuration") : window;
        long start = a.size() > 3 ? duration(a.get(3), "startTime") : 0;
        return new TimeWindow(time, window, slide, start);
    }

    private static Expression sessionWindow(List<Expression> a, FunctionContext c) {
        FunctionRegistry.checkArity("session_window", a, 2, 2);
        Expression time = Cast.castIfNeeded(a.get(0), DataTypes.TimestampType, c);
        Expression gap = a.get(1);
        if (gap instanceof Literal) {
            long micros = duration(gap, "gapDuration");
            if (micros <= 0) {
                throw new AnalysisException("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "The gap duration (" + micros
                        + " microseconds) must be greater than 0.", "42K09");
            }
        }
        return new SessionWindow(time, gap);
    }

    /** Reads a constant duration given as an interval string ("10 minutes") or interval literal. */
    static long duration(Expression e, String parameter) {
        if (e instanceof Literal l && l.value() instanceof String s) {
            // As Spark's TimeWindow.getIntervalInMicroSeconds: CANNOT_PARSE_INTERVAL from the parse, and its
            // legacy error for a month part (a month has no fixed length).
            CalendarInterval interval = CalendarInterval.parse(s);
            if (interval.months() != 0) {
                throw new dev.sluice.sql.SluiceException("_LEGACY_ERROR_TEMP_3231", "Intervals greater than a month"
                        + " is not supported (" + s + ").", null, null);
            }
            return interval.durationMicros();
        }
        if (e instanceof Literal l && l.value() instanceof CalendarInterval iv) {
            return iv.durationMicros();
        }
        throw new AnalysisException("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "The " + parameter + " of `window`"
                + " must be a constant interval string, got " + e.sql() + ".", "42K09");
    }
}
