package dev.sluice.stream;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.exec.AggregationSpec;
import dev.sluice.exec.HashAggregator;
import dev.sluice.exec.physical.Morsel;
import dev.sluice.exec.physical.ParallelAggregation;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.expr.aggregate.Accumulator;
import dev.sluice.expr.aggregate.AggregateFunction;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.EventTimeColumns;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.sql.streaming.OutputMode;
import dev.sluice.sql.types.DataType;
import dev.sluice.stream.state.PartitionedStateStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A streaming aggregation (Spark's {@code StateStoreRestoreExec} + {@code StateStoreSaveExec}). Each batch
 * the input is first aggregated on its own (one group per distinct key, on the batch's worker threads); then
 * each group not behind the late-events watermark reads its state once, merges it and writes it back once.
 * Reads and writes run per state partition, partitions in parallel (a partition on one thread at a time). State entry: the grouping
 * key row, then the intermediate buffers of each aggregate function ({@link AggregateFunction#bufferTypes()}).
 *
 * <p>Output per mode: complete — every group, every batch; update — the groups the batch changed, then
 * groups whose event time has passed the eviction watermark are removed; append — only groups whose event
 * time ({@code window.end}, or the timestamp key) is at or before the eviction watermark, emitted once as
 * they are removed. With a watermark, a group of the batch whose event time is at or before the late-events
 * watermark is dropped and counted (in update and append modes, as Spark).
 */
final class StreamingAggregation extends StatefulOperator {
    private final String argString;
    private final AggregationSpec spec;
    private final OutputMode outputMode;
    private final boolean global;
    private final List<DataType> keyTypes;
    private final int[] bufferOffsets;
    private final int eventTimeKey;
    private final boolean watermarked;
    private final StateRows rows;
    private final Accumulator[] merged;
    private final EvictionBound evictionBound = new EvictionBound();
    private final List<dev.sluice.stream.state.OperatorStateMetadata.StoreSchema> storeSchemas;

    StreamingAggregation(int operatorId, Aggregate aggregate, LogicalPlan incrementalChild, OutputMode outputMode) {
        super(operatorId, incrementalChild, aggregate.output());
        // Spark checks the partial aggregate's output: the grouping columns
        checkEventTimeColumns(aggregate.groupingExpressions(), aggregate.child());
        this.spec = new AggregationSpec(aggregate);
        this.argString = dev.sluice.exec.physical.PhysicalPlan.list(aggregate.groupingExpressions()) + ", " + outputMode;
        this.outputMode = outputMode;
        this.global = spec.groupingKeys().isEmpty();
        this.keyTypes = spec.groupingKeys().stream().map(Expression::dataType).toList();
        AttributeReference eventTime = EventTimeColumns.find(aggregate.groupingExpressions(),
                EventTimeColumns.of(aggregate.child()));
        this.eventTimeKey = eventTime == null ? -1 : aggregate.groupingExpressions().indexOf(eventTime);
        this.watermarked = EventTimeColumns.hasWatermark(aggregate.child());
        List<DataType> valueTypes = new ArrayList<>();
        bufferOffsets = spec.appendBufferTypes(valueTypes);
        this.rows = new StateRows(keyTypes, valueTypes);
        this.merged = spec.createAccumulators();
        this.storeSchemas = defaultStore(
                StateRows.schema(aggregate.groupingExpressions().stream().map(StateRows::columnName).toList(), keyTypes),
                StateRows.schema(StateRows.bufferNames(spec), valueTypes));
    }

    @Override
    List<dev.sluice.stream.state.OperatorStateMetadata.StoreSchema> storeSchemas() {
        return storeSchemas;
    }

    @Override
    String name() {
        return "stateStoreSave";
    }

    @Override
    String nodeName() {
        return "StateStoreSave";
    }

    @Override
    String argString() {
        return argString;
    }

    private boolean evicts() {
        return eventTimeKey >= 0 && outputMode != OutputMode.Complete();
    }

    /** As Spark: in append and update modes whenever a watermark upstream moved, even if the keys have no event time. */
    @Override
    boolean shouldRunAnotherBatch(long newWatermarkMs) {
        return watermarked && outputMode != OutputMode.Complete() && newWatermarkMs > watermarks().evictionMs();
    }

    @Override
    List<Chunk> processBatch(List<Chunk> input, PartitionedStateStore state) {
        HashAggregator batch = aggregateBatch(input);
        int groups = batch.groupCount();
        ColumnVector[] keys = batch.keys();
        // 1. drop late groups, read the state of the others (one get per key, partitions in parallel)
        int[] kept = new int[Math.max(groups, 1)];
        byte[][] keyBytes = new byte[groups][];
        int keptCount = 0;
        long lateMicros = watermarks().lateEventsMs() * 1000;
        for (int g = 0; g < groups; g++) {
            if (evicts() && StateRows.eventTimeMicros(keys[eventTimeKey], g) <= lateMicros) {
                continue;
            }
            kept[keptCount++] = g;
            keyBytes[g] = rows.encodeKey(keys, g);
        }
        int[][] byPartition = state.byPartition(kept, keptCount, g -> keyBytes[g]);
        byte[][] stored = new byte[groups][];
        executionContext().parallelFor(byPartition.length, p -> {
            for (int g : byPartition[p]) {
                stored[g] = state.get(keyBytes[g]);
            }
        });
        int[] restoredIds = new int[Math.max(groups, 1)];
        int restored = 0;
        ColumnVector[] restoredBuffers = rows.newValueVectors(groups);
        for (int i = 0; i < keptCount; i++) {
            int g = kept[i];
            if (stored[g] != null) {
                rows.decodeValue(stored[g], restoredBuffers);
                restoredIds[restored++] = g;
            }
        }
        addRowsDroppedByWatermark(groups - keptCount);
        // 2. state first, then the batch (order matters for first/last)
        ColumnVector[] batchBuffers = rows.newValueVectors(groups);
        for (int a = 0; a < merged.length; a++) {
            batch.writeBuffers(a, slice(batchBuffers, a));
            merged[a].reset();
            merged[a].ensureGroups(Math.max(groups, 1));
            merged[a].merge(restoredIds, slice(restoredBuffers, a), restored);
            merged[a].merge(identity(groups), slice(batchBuffers, a), groups);
        }
        // 3. write back (one put per key)
        ColumnVector[] mergedBuffers = rows.newValueVectors(groups);
        for (int a = 0; a < merged.length; a++) {
            merged[a].writeBuffers(groups, slice(mergedBuffers, a));
        }
        executionContext().parallelFor(byPartition.length, p -> {
            for (int g : byPartition[p]) {
                state.put(keyBytes[g], rows.encodeValue(mergedBuffers, g));
            }
        });
        if (evicts()) {
            for (int i = 0; i < keptCount; i++) {
                evictionBound.added(StateRows.eventTimeMicros(keys[eventTimeKey], kept[i]));
            }
        }
        addRowsUpdated(keptCount);
        if (outputMode == OutputMode.Update()) {
            Chunk updated = result(merged, keys, kept, keptCount);
            evict(state, null);
            return List.of(updated);
        }
        List<Chunk> out = new ArrayList<>();
        if (outputMode == OutputMode.Complete()) {
            rows.scan(state.iterator(), e -> out.add(resultOfEntries(merged, e, identity(e.count()), e.count())));
        } else {
            evict(state, out);
        }
        return out;
    }

    /** Aggregates the batch on its own (partial aggregation), on the batch's worker threads. */
    private HashAggregator aggregateBatch(List<Chunk> input) {
        return ParallelAggregation.aggregate(executionContext(), spec, Morsel.ofChunks(input));
    }

    /**
     * Removes the groups whose event time is at or before the eviction watermark; appends their final rows to
     * {@code emitted} when it is not null (append mode).
     */
    private void evict(PartitionedStateStore state, List<Chunk> emitted) {
        long evictionMicros = watermarks().evictionMs() * 1000;
        if (!evicts() || !evictionBound.mayExpire(evictionMicros)) {
            return;
        }
        long start = System.nanoTime();
        int partitions = state.partitions();
        @SuppressWarnings("unchecked")
        List<Chunk>[] emittedBy = new List[partitions];
        long[] removedBy = new long[partitions];
        long[] lowestBy = new long[partitions];
        // each partition scanned, emitted and cleaned by one task; partitions in parallel
        executionContext().parallelFor(partitions, p -> {
            Accumulator[] accumulators = spec.createAccumulators();
            List<byte[]> removed = new ArrayList<>();
            List<Chunk> out = new ArrayList<>();
            long[] lowestRemaining = {Long.MAX_VALUE};
            rows.scan(state.iterator(p), e -> {
                int[] selected = new int[Math.max(e.count(), 1)];
                int count = 0;
                for (int i = 0; i < e.count(); i++) {
                    long eventTime = StateRows.eventTimeMicros(e.keys()[eventTimeKey], i);
                    if (eventTime <= evictionMicros) {
                        selected[count++] = i;
                        removed.add(e.rawKeys()[i]);
                    } else {
                        lowestRemaining[0] = Math.min(lowestRemaining[0], eventTime);
                    }
                }
                if (emitted != null && count > 0) {
                    out.add(resultOfEntries(accumulators, e, selected, count));
                }
            });
            for (byte[] key : removed) {
                state.remove(key);
            }
            emittedBy[p] = out;
            removedBy[p] = removed.size();
            lowestBy[p] = lowestRemaining[0];
        });
        long removed = 0;
        long lowestRemaining = Long.MAX_VALUE;
        for (int p = 0; p < partitions; p++) {
            if (emitted != null) {
                emitted.addAll(emittedBy[p]); // partition order, as a single scan of every partition
            }
            removed += removedBy[p];
            lowestRemaining = Math.min(lowestRemaining, lowestBy[p]);
        }
        evictionBound.scanned(lowestRemaining);
        addRowsRemoved(removed, System.nanoTime() - start);
    }

    /** Final rows of the selected decoded state entries, computed with {@code accumulators}. */
    private Chunk resultOfEntries(Accumulator[] accumulators, StateRows.Entries entries, int[] selected, int count) {
        for (int a = 0; a < accumulators.length; a++) {
            accumulators[a].reset();
            accumulators[a].ensureGroups(Math.max(entries.count(), 1));
            accumulators[a].merge(identity(entries.count()), slice(entries.values(), a), entries.count());
        }
        return result(accumulators, entries.keys(), selected, count);
    }

    private ColumnVector[] slice(ColumnVector[] buffers, int function) {
        return Arrays.copyOfRange(buffers, bufferOffsets[function], bufferOffsets[function + 1]);
    }

    /** The output rows (result projections) of groups {@code selected[0..count)} of {@code accumulators}. */
    private Chunk result(Accumulator[] accumulators, ColumnVector[] keys, int[] selected, int count) {
        List<ColumnVector> intermediate = new ArrayList<>();
        for (int k = 0; k < keyTypes.size(); k++) {
            ColumnVector out = ColumnVector.allocate(keyTypes.get(k), Math.max(count, 1));
            for (int i = 0; i < count; i++) {
                out.appendFrom(keys[k], selected[i]);
            }
            intermediate.add(out);
        }
        for (int a = 0; a < accumulators.length; a++) {
            ColumnVector out = ColumnVector.allocate(spec.functions().get(a).dataType(), Math.max(count, 1));
            for (int i = 0; i < count; i++) {
                accumulators[a].writeResult(selected[i], out);
            }
            intermediate.add(out);
        }
        Chunk groupsChunk = new Chunk(count, intermediate);
        List<Expression> projections = spec.resultProjections();
        ColumnVector[] columns = new ColumnVector[projections.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = projections.get(i).eval(groupsChunk);
        }
        return new Chunk(count, columns);
    }
}
