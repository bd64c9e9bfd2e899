package dev.sluice.stream;

import dev.sluice.sql.streaming.StreamingQueryListener;

/** How a running query reports to its manager: listener events and its termination. */
public interface QueryEvents {
    /** Delivers {@code event} asynchronously, in order, on the listener thread. */
    void post(StreamingQueryListener.Event event);

    /**
     * The query's execution thread is about to end: the manager forgets the query, then runs
     * {@code markInactive} under the same lock, so that once {@code isActive()} is false a restart from the
     * same checkpoint (same id) is accepted, and no waiter woken by the termination sees the query active.
     */
    void terminated(MicroBatchExecution query, Runnable markInactive);
}
