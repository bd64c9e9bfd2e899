package dev.sluice.stream;

import dev.sluice.batch.Chunk;
import dev.sluice.expr.AttributeReference;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.sql.streaming.StateOperatorProgress;
import dev.sluice.sql.types.DataType;
import dev.sluice.stream.state.OperatorStateStore;
import java.util.List;
import java.util.Map;

/**
 * The per-query, mutable instance of one stateful operator of an incremental plan (streaming aggregation,
 * deduplication, limit). Each batch the engine calls {@link #process} with the batch's input rows, then
 * {@link #commit} with the next state version. Owned by the query's execution thread; never concurrent.
 */
abstract class StatefulOperator {
    private final int operatorId;
    private final LogicalPlan child;
    private final List<AttributeReference> output;
    private OperatorStateStore store;
    private long rowsUpdated;
    private long commitTimeMs;
    private long updateTimeMs;

    StatefulOperator(int operatorId, LogicalPlan child, List<AttributeReference> output) {
        this.operatorId = operatorId;
        this.child = child;
        this.output = List.copyOf(output);
    }

    int operatorId() {
        return operatorId;
    }

    /** The input plan (already incrementalized: may contain streaming leaves and other stateful leaves). */
    LogicalPlan child() {
        return child;
    }

    List<AttributeReference> output() {
        return output;
    }

    /** Operator name in progress reports (Spark's: stateStoreSave, dedupe, globalLimit). */
    abstract String name();

    /** Folds one batch's input into the state and returns this batch's output rows. */
    final List<Chunk> process(List<Chunk> input) {
        long start = System.nanoTime();
        List<Chunk> out = processBatch(input);
        updateTimeMs = (System.nanoTime() - start) / 1_000_000;
        return out;
    }

    abstract List<Chunk> processBatch(List<Chunk> input);

    /** Sets {@link #rowsUpdated()} for the batch just processed. */
    final void setRowsUpdated(long rows) {
        rowsUpdated = rows;
    }

    abstract List<DataType> stateTypes();

    abstract Chunk snapshot();

    abstract void restore(Chunk snapshot);

    abstract long numRowsTotal();

    /** Attaches the store and loads {@code version} (the state after batch {@code version - 1}). */
    final void open(OperatorStateStore stateStore, long version) {
        this.store = stateStore;
        stateStore.load(version, stateTypes()).ifPresent(this::restore);
    }

    /** Durably records the state after the batch just processed as {@code version}. */
    final void commit(long version, long minVersionToKeep) {
        long start = System.nanoTime();
        store.commit(version, snapshot(), stateTypes());
        store.purge(minVersionToKeep);
        commitTimeMs = (System.nanoTime() - start) / 1_000_000;
    }

    StateOperatorProgress progress(int shufflePartitions) {
        return new StateOperatorProgress(name(), numRowsTotal(), rowsUpdated, updateTimeMs, 0, 0, commitTimeMs, 0, 0,
                1, 1, Map.of());
    }

    final void resetBatchMetrics() {
        rowsUpdated = 0;
        updateTimeMs = 0;
        commitTimeMs = 0;
    }
}
