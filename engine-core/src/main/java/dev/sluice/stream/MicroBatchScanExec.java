package dev.sluice.stream;

import dev.sluice.batch.Chunk;
import dev.sluice.exec.physical.ChunkConsumer;
import dev.sluice.exec.physical.ExecutionContext;
import dev.sluice.exec.physical.Morsel;
import dev.sluice.exec.physical.PhysicalPlan;
import dev.sluice.expr.AttributeReference;
import dev.sluice.plan.logical.StreamingRelation;
import java.util.List;

/** Pushes the current micro-batch's rows of one streaming source (Spark's {@code MicroBatchScanExec}). */
final class MicroBatchScanExec extends PhysicalPlan {
    private final StreamingRelation relation;

    MicroBatchScanExec(StreamingRelation relation) {
        this.relation = relation;
    }

    @Override
    public List<AttributeReference> output() {
        return relation.output();
    }

    @Override
    public List<PhysicalPlan> children() {
        return List.of();
    }

    @Override
    public String nodeName() {
        return "MicroBatchScan" + list(relation.output()); // Spark prints the columns right after the name
    }

    @Override
    public String argString() {
        return relation.description();
    }

    @Override
    public List<Morsel> morsels(ExecutionContext context) {
        return Morsel.ofChunks(MicroBatchContext.of(context).input(relation));
    }

    @Override
    public void execute(ExecutionContext context, ChunkConsumer downstream) {
        for (Chunk c : MicroBatchContext.of(context).input(relation)) {
            downstream.accept(c);
        }
    }
}
