package dev.sluice.spi;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.OutputMode;

/**
 * A streaming output, as Spark's {@code Sink}. The engine calls {@link #addBatch} once per micro-batch
 * from the query's execution thread, in batch-id order, after the batch's offsets are in the write-ahead
 * log and before its commit record is written.
 *
 * <p>Contract for exactly-once: after a crash the last batch may be handed again with the same batch id
 * and the same rows; the sink must then not apply it twice (idempotent per batch id), e.g. by recording
 * the last batch id it committed atomically with the data.
 */
public interface Sink {
    /**
     * Writes the rows of batch {@code batchId}: in {@code Append} mode the new rows, in {@code Update} the
     * changed rows, in {@code Complete} the whole result table (replacing the previous one).
     *
     * @param data a batch (non-streaming) Dataset over this batch's output rows
     */
    void addBatch(long batchId, Dataset<Row> data, OutputMode outputMode);

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

    /** A short description for progress reports. */
    default String description() {
        return getClass().getSimpleName();
    }
}
