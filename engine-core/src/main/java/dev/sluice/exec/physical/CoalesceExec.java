package dev.sluice.exec.physical;

import dev.sluice.expr.TaskPartition;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Merges its input's {@code k} partitions into {@code min(n, k)} without moving rows between threads' order
 * (Spark's {@code CoalesceExec}; with no preferred locations Spark's {@code DefaultPartitionCoalescer} gives output
 * partition {@code i} the input partitions {@code [i·k/n, (i+1)·k/n)}). Streams; the groups run on worker threads.
 */
public final class CoalesceExec extends PartitionedUnaryExec {
    private final int numPartitions;

    public CoalesceExec(int numPartitions, PhysicalPlan child) {
        super(child);
        this.numPartitions = numPartitions;
    }

    @Override
    public String nodeName() {
        return "Coalesce";
    }

    @Override
    public String argString() {
        return String.valueOf(numPartitions);
    }



    @Override
    public Iterator<Morsel> partitionMorsels(ExecutionContext context) {
        List<Morsel> input = new ArrayList<>();
        child().partitionMorsels(context).forEachRemaining(input::add);
        int k = input.size();
        int n = Math.min(numPartitions, k);
        List<Morsel> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Morsel> group = input.subList((int) ((long) i * k / n), (int) ((long) (i + 1) * k / n));
            TaskPartition partition = new TaskPartition(i);
            out.add(downstream -> {
                ChunkConsumer mine = inPartition(partition, downstream);
                group.forEach(m -> m.run(mine));
            });
        }
        return out.iterator();
    }
}
