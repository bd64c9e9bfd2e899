package dev.sluice.exec;

/**
 * The timestamp that {@code current_timestamp()} and {@code current_date()} stand for while one query
 * (batch) or one micro-batch executes: Spark evaluates them once, so every row and every operator sees
 * the same value. Set for the executing thread by {@link BatchExecutor}; read by {@link Binder} when it
 * binds expressions, which happens on that same thread.
 */
public final class QueryTime {
    private static final ThreadLocal<Long> CURRENT = new ThreadLocal<>();

    private QueryTime() {
    }

    /** The fixed time in microseconds since the epoch, or null outside an execution. */
    static Long current() {
        return CURRENT.get();
    }

    /** Runs {@code action} with {@code micros} as the query time (nested calls keep the outer time). */
    public static <T> T with(long micros, java.util.function.Supplier<T> action) {
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
