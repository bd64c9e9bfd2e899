package dev.sluice.stream;

import dev.sluice.sql.streaming.StreamingQueryListener;

/** How a running query reports to its manager: listener events and its termination. */
public interface QueryEvents {
    /** Delivers {@code event} asynchronously, in order, on the listener thread. */
    void post(StreamingQueryListener.Event event);

    /** The query's execution thread is about to end. */
    void terminated(MicroBatchExecution query);
}
