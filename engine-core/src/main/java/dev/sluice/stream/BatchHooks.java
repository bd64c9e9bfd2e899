package dev.sluice.stream;

/**
 * Test hooks into the micro-batch loop (fault injection). Called on the query's execution thread.
 */
public interface BatchHooks {
    BatchHooks NONE = new BatchHooks() {
    };

    /** After the sink accepted batch {@code batchId}, before state and the commit log are written. */
    default void beforeCommit(long batchId) {
    }

    /** After the stateful operators committed the state of batch {@code batchId}, before the commit log entry. */
    default void afterStateCommit(long batchId) {
    }
}
