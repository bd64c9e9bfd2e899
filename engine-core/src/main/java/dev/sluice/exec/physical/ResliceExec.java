package dev.sluice.exec.physical;

import dev.sluice.batch.Chunk;
import java.util.Iterator;
import java.util.List;

/**
 * The rows of projections and filters over local data, evaluated as one partition 0 and then split into
 * {@code min(max(rows, 1), parallelism)} partitions as a new local relation: what Spark's
 * {@code ConvertToLocalRelation} does to such plans (it evaluates them in the optimizer, with partition index 0).
 * Explain shows its child only. A pipeline breaker.
 */
public final class ResliceExec extends UnaryExec {
    private final int parallelism;

    public ResliceExec(int parallelism, PhysicalPlan child) {
        super(child, child.output());
        this.parallelism = parallelism;
    }

    @Override
    public String nodeName() {
        return child().nodeName();
    }

    @Override
    public String argString() {
        return child().argString();
    }

    @Override
    public List<PhysicalPlan> explainChildren() {
        return child().explainChildren();
    }

    @Override
    public void execute(ExecutionContext context, ChunkConsumer downstream) {
        child().execute(context, downstream);
    }

    @Override
    public Iterator<Morsel> morsels(ExecutionContext context) {
        return child().morsels(context);
    }

    @Override
    public Iterator<Morsel> partitionMorsels(ExecutionContext context) {
        List<Chunk> rows = executeCollect(context);
        int n = rows.stream().mapToInt(Chunk::rowCount).sum();
        return Morsel.ofPartitions(LocalTableScanExec.slice(rows, Math.min(Math.max(n, 1), parallelism)));
    }
}
