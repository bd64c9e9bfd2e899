package dev.sluice.spi;

/**
 * A streaming output, as Spark's {@code Sink}. For every micro-batch, in batch-id order, the engine asks
 * for a {@link BatchWriter} ({@link #newBatchWriter}), pushes the batch's rows into it chunk by chunk as the
 * query's pipeline produces them, and calls {@link BatchWriter#commit()} once every row is written. This
 * happens after the batch's offsets are in the write-ahead log and before the state of the batch and its
 * commit record are written; a failure in between calls {@link BatchWriter#abort}.
 *
 * <p>Contract for exactly-once: after a crash the last batch may be handed again with the same batch id and
 * the same rows; the sink must then not apply it twice (idempotent per batch id), e.g. by recording the last
 * batch id it committed atomically with the data. Rows of a batch arrive in the order the plan produces them
 * (the order a single-threaded run of the plan yields).
 *
 * <p>Threading: every method is called from the query's execution thread only, never concurrently (a
 * writer's {@code write} may run on a worker thread when the writer asks for it:
 * {@link BatchWriter#writesOnWorkers()}; the order stays the same).
 */
public interface Sink {
    /**
     * The writer of one micro-batch: in {@code Append} mode the batch's new rows, in {@code Update} the changed
     * rows, in {@code Complete} the whole result table (replacing the previous one).
     */
    BatchWriter newBatchWriter(BatchContext batch);

    /**
     * Releases resources (connections, producers); called once from the query's execution thread when the
     * query terminates, whether it stopped or failed. A sink is not used after this call.
     */
    default void stop() {
    }

    /**
     * Whether progress reports this sink's {@code numOutputRows} (the rows of each batch). False makes it -1,
     * as Spark prints for its V1 sinks ({@code foreachBatch}, the file sink), which cannot tell.
     */
    default boolean reportsNumOutputRows() {
        return true;
    }

    /**
     * Whether this sink accepts a {@code Trigger.RealTime} query: its writers make rows visible at
     * {@link BatchWriter#flush()} (or hold them in a transaction until {@link BatchWriter#commit()}), one writer
     * per epoch. False by default; a query writing to another sink fails at {@code start()} with Spark's
     * {@code STREAMING_REAL_TIME_MODE.SINK_NOT_SUPPORTED}.
     */
    default boolean supportsRealTime() {
        return false;
    }

    /** A short description for progress reports. */
    default String description() {
        return getClass().getSimpleName();
    }
}
