package dev.sluice.expr.aggregate;

import dev.sluice.batch.ColumnVector;

/**
 * The mutable per-group state of one aggregate function inside one operator instance (one task). Groups
 * are dense ids {@code 0..groupCount-1} assigned by the operator's hash table. Not thread-safe: owned by
 * a single task.
 *
 * <p>Two inputs: raw argument values ({@link #update}) and intermediate buffers produced by another
 * accumulator of the same function ({@link #merge}; used for partial aggregation and for state kept
 * between micro-batches). {@link #writeBuffers} exports the buffers in the function's
 * {@link AggregateFunction#bufferTypes()} layout.
 */
public interface Accumulator {
    /** Makes room for groups {@code 0..groupCount-1}; new groups start empty. */
    void ensureGroups(int groupCount);

    /** Folds row {@code i} of {@code arguments} into group {@code groupIds[i]}, for {@code i < rowCount}. */
    void update(int[] groupIds, ColumnVector[] arguments, int rowCount);

    /** Folds row {@code i} of intermediate {@code buffers} into group {@code groupIds[i]}. */
    void merge(int[] groupIds, ColumnVector[] buffers, int rowCount);

    /** Appends the intermediate buffer of groups {@code 0..groupCount-1}, one vector per buffer column. */
    void writeBuffers(int groupCount, ColumnVector[] out);

    /** Appends the final value of {@code group} to {@code out}. */
    void writeResult(int group, ColumnVector out);

    /**
     * Appends the final values of groups {@code 0..groupCount-1} to {@code out}, as {@link #writeResult} for each
     * group in order would; accumulators over primitive arrays copy them in bulk.
     */
    default void writeResults(int groupCount, ColumnVector out) {
        for (int g = 0; g < groupCount; g++) {
            writeResult(g, out);
        }
    }

    /** Forgets every group (reuse for the next batch / window frame). */
    void reset();
}
