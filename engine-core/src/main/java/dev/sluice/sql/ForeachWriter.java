package dev.sluice.sql;

import java.io.Serializable;

/**
 * Writes the rows of a streaming query to custom storage, row by row, as Spark's {@code ForeachWriter}.
 * For each micro-batch the engine calls {@link #open} once per partition, then {@link #process} for each
 * row (only when {@code open} returned true), then {@link #close} (always, with the error if one occurred).
 *
 * <p>Threading: calls for one batch come from the query's execution thread, never concurrently. Sluice
 * runs the sink with a single partition ({@code partitionId} 0).
 *
 * <p>After a crash: a batch that was not committed is replayed with the same {@code epochId} (the batch
 * id) and the same rows, so the writer gets at-least-once delivery; it makes the output exactly-once by
 * returning false from {@code open} for an {@code (partitionId, epochId)} it has already stored.
 *
 * @param <T> the row type
 */
public abstract class ForeachWriter<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Prepares to write the rows of one partition of one batch.
     *
     * @return whether {@link #process} should be called for the rows of this partition
     */
    public abstract boolean open(long partitionId, long epochId);

    /** Writes one row; called only after {@link #open} returned true. */
    public abstract void process(T value);

    /** Releases resources; {@code errorOrNull} is the failure of {@code open}/{@code process}, or null. */
    public abstract void close(Throwable errorOrNull);
}
