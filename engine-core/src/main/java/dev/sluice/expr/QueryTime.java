package dev.sluice.expr;

import java.util.function.Supplier;

/**
 * The instant that {@code current_timestamp()} and {@code current_date()} stand for while one query (batch)
 * or one micro-batch executes: Spark evaluates them once, so every row and every operator sees the same
 * value. The executing engine sets it for each thread that evaluates expressions of the execution
 * (thread-confined); the clock functions read it when they are evaluated, so a physical plan bound once
 * per query run still sees each micro-batch's own time.
 */
public final class QueryTime {
    private static final ThreadLocal<Long> CURRENT = new ThreadLocal<>();

    private QueryTime() {
    }

    /** The fixed time in microseconds since the epoch, or null outside an execution. */
    public static Long current() {
        return CURRENT.get();
    }

    /** The query time if set, else the wall clock (microseconds since the epoch). */
    public static long currentOrNow() {
        Long now = CURRENT.get();
        return now != null ? now : System.currentTimeMillis() * 1000L;
    }

    /** Runs {@code action} with {@code micros} as the query time (nested calls keep the outer time). */
    public static <T> T with(long micros, Supplier<T> action) {
        Long previous = CURRENT.get();
        if (previous != null) {
            return action.get();
        }
        CURRENT.set(micros);
        try {
            return action.get();
        } finally {
            CURRENT.remove();
        }
    }
}
