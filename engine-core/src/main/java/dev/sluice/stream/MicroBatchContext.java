package dev.sluice.stream;

import dev.sluice.batch.Chunk;
import dev.sluice.exec.physical.ExecutionContext;
import dev.sluice.exec.physical.MemoryBudget;
import dev.sluice.plan.logical.StreamingRelation;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The execution context of one micro-batch: the batch's rows of each streaming source (by the source's
 * logical leaf; streamed, or kept whole for a source the plan reads twice, then counted against the memory
 * budget) and the watermark tracker that sees the event times passing each {@code withWatermark}.
 * Confined to the query's execution thread.
 */
final class MicroBatchContext extends ExecutionContext {
    private final Map<StreamingRelation, BatchInput> inputs;
    private final WatermarkTracker watermarks;
    private final java.util.Set<StreamingRelation> reserved =
            java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    MicroBatchContext(long batchTimestampMs, int parallelism, MemoryBudget memory,
                      Map<StreamingRelation, BatchInput> inputs, WatermarkTracker watermarks) {
        super(batchTimestampMs * 1000L, parallelism, memory);
        this.inputs = inputs;
        this.watermarks = watermarks;
    }

    /** The context of a streaming node's execution: only micro-batches run streaming nodes. */
    static MicroBatchContext of(ExecutionContext context) {
        if (context instanceof MicroBatchContext m) {
            return m;
        }
        throw new IllegalStateException("a streaming operator ran outside a micro-batch");
    }

    /** The batch's rows of {@code relation}, streamed from its source as they are taken. */
    Iterator<Chunk> stream(StreamingRelation relation) {
        BatchInput input = inputs.get(relation);
        return input == null ? java.util.Collections.emptyIterator() : input.stream();
    }

    /**
     * Every row of {@code relation} in this batch, read once and kept for the batch (a source the plan reads
     * twice), counted against the memory budget.
     */
    synchronized List<Chunk> all(StreamingRelation relation) {
        BatchInput input = inputs.get(relation);
        if (input == null) {
            return List.of();
        }
        List<Chunk> rows = input.all();
        if (reserved.add(relation)) {
            MemoryBudget.Reservation held = memory().reserve("MicroBatchScan " + relation.description());
            rows.forEach(held::add);
        }
        return rows;
    }

    WatermarkTracker watermarks() {
        return watermarks;
    }
}
