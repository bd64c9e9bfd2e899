package dev.sluice.stream;

import dev.sluice.batch.Chunk;
import dev.sluice.exec.physical.ExecutionContext;
import dev.sluice.exec.physical.MemoryBudget;
import dev.sluice.plan.logical.StreamingRelation;
import java.util.List;
import java.util.Map;

/**
 * The execution context of one micro-batch: the batch's rows of each streaming source (by the source's
 * logical leaf) and the watermark tracker that sees the event times passing each {@code withWatermark}.
 * Confined to the query's execution thread.
 */
final class MicroBatchContext extends ExecutionContext {
    private final Map<StreamingRelation, List<Chunk>> inputs;
    private final WatermarkTracker watermarks;

    /** Counts the batch's input rows against {@code memory} (they are held for the whole batch). */
    MicroBatchContext(long batchTimestampMs, int parallelism, MemoryBudget memory,
                      Map<StreamingRelation, List<Chunk>> inputs, WatermarkTracker watermarks) {
        super(batchTimestampMs * 1000L, parallelism, memory);
        this.inputs = inputs;
        this.watermarks = watermarks;
        for (Map.Entry<StreamingRelation, List<Chunk>> input : inputs.entrySet()) {
            MemoryBudget.Reservation held = memory.reserve("MicroBatchScan " + input.getKey().description());
            input.getValue().forEach(held::add);
        }
    }

    /** The context of a streaming node's execution: only micro-batches run streaming nodes. */
    static MicroBatchContext of(ExecutionContext context) {
        if (context instanceof MicroBatchContext m) {
            return m;
        }
        throw new IllegalStateException("a streaming operator ran outside a micro-batch");
    }

    List<Chunk> input(StreamingRelation relation) {
        return inputs.getOrDefault(relation, List.of());
    }

    WatermarkTracker watermarks() {
        return watermarks;
    }
}
