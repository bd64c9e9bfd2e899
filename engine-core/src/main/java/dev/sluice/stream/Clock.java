package dev.sluice.stream;

/**
 * The time source of the trigger loop, as Spark's {@code Clock}: production uses {@link SystemClock};
 * tests use {@link ManualClock} to drive processing-time triggers without sleeping. Implementations are
 * thread-safe.
 */
public interface Clock {
    /** The current time in milliseconds. */
    long getTimeMillis();

    /**
     * Blocks until the clock reaches {@code targetTimeMs}.
     *
     * @return the time when it returned
     * @throws InterruptedException when the waiting thread is interrupted (e.g. the query is stopped)
     */
    long waitTillTime(long targetTimeMs) throws InterruptedException;
}
