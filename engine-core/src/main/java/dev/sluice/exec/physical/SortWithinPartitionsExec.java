package dev.sluice.exec.physical;

import dev.sluice.batch.Chunk;
import dev.sluice.exec.Chunks;
import dev.sluice.exec.SortOperator;
import dev.sluice.expr.SortOrder;
import dev.sluice.expr.TaskPartition;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Sorts each partition of its input on its own (Spark's {@code SortExec} with {@code global = false}, as
 * {@code sortWithinPartitions} and {@code randomSplit} plan it); the partitioning is kept. Each partition is a
 * morsel: gathered, sorted (stably), pushed with its partition current.
 */
public final class SortWithinPartitionsExec extends PartitionedUnaryExec {
    private final List<SortOrder> order;
    private final SortOperator operator;

    public SortWithinPartitionsExec(List<SortOrder> order, PhysicalPlan child) {
        super(child);
        this.order = List.copyOf(order);
        this.operator = SortOperator.over(order, child.output());
    }

    @Override
    public String nodeName() {
        return "Sort";
    }

    @Override
    public String argString() {
        return list(order) + ", false, 0";
    }

    @Override
    public Iterator<Morsel> partitionMorsels(ExecutionContext context) {
        return Morsel.map(child().partitionMorsels(context), m -> downstream -> {
            List<Chunk> rows = new ArrayList<>();
            TaskPartition[] partition = {null};
            try (MemoryBudget.Reservation held = context.memory().reserve(nodeName())) {
                m.run(c -> {
                    partition[0] = TaskPartition.current();
                    held.add(c);
                    rows.add(c);
                });
                if (rows.isEmpty()) {
                    return;
                }
                Chunk sorted = operator.sort(Chunks.gather(rows, child().output()));
                ChunkConsumer out = inPartition(partition[0], downstream);
                Chunks.split(sorted).forEach(out::accept);
            }
        });
    }
}
