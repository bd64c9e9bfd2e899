package dev.sluice.stream;

/**
 * A clock that only moves when told to ({@link #advance}, {@link #setTime}), for tests of processing-time
 * triggers, as Spark's {@code StreamManualClock}. {@link #awaitWaiter} lets a test wait until the query
 * thread is blocked on the clock, so assertions never depend on sleeps. Thread-safe.
 */
public final class ManualClock implements Clock {
    private long time;
    private long waitingFor = -1;

    public ManualClock(long startTimeMs) {
        this.time = startTimeMs;
    }

    public ManualClock() {
        this(0);
    }

    @Override
    public synchronized long getTimeMillis() {
        return time;
    }

    public synchronized void advance(long ms) {
        time += ms;
        notifyAll();
    }

    public synchronized void setTime(long timeMs) {
        time = timeMs;
        notifyAll();
    }

    @Override
    public synchronized long waitTillTime(long targetTimeMs) throws InterruptedException {
        try {
            while (time < targetTimeMs) {
                waitingFor = targetTimeMs;
                notifyAll();
                wait();
            }
            return time;
        } finally {
            waitingFor = -1;
            notifyAll();
        }
    }

    /** The time a thread is currently waiting for, or -1 when none is. */
    public synchronized long waitingFor() {
        return waitingFor;
    }

    /**
     * Blocks (at most {@code timeoutMs} of real time) until some thread waits on this clock for a time
     * at or after {@code atLeastMs}.
     *
     * @return the time the thread waits for
     * @throws IllegalStateException when no thread waits within the timeout
     */
    public synchronized long awaitWaiter(long atLeastMs, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (waitingFor < atLeastMs) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("no thread waits on the clock for >= " + atLeastMs + " (time " + time
                        + ", waiting for " + waitingFor + ")");
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return waitingFor;
    }
}
