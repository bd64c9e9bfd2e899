package dev.sluice.stream;

/**
 * Test hooks into the micro-batch loop (fault injection, deterministic batch boundaries). Called on the query's
 * execution thread.
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

    /**
     * Runs {@code askSources}, the step that asks every source for its latest offset. A test feeding several
     * sources holds a lock here so that data it adds to all of them lands in one batch, not split across two.
     */
    default <T> T aroundLatestOffsets(java.util.function.Supplier<T> askSources) {
        return askSources.get();
    }
}
