package dev.sluice.exec.physical;

import dev.sluice.batch.Chunk;
import dev.sluice.exec.Chunks;
import dev.sluice.exec.SortOperator;
import dev.sluice.expr.SortOrder;
import java.util.List;

/** Sorts its whole input (Spark's {@code SortExec} with a global order). A pipeline breaker. */
public final class SortExec extends UnaryExec {
    private final List<SortOrder> order;
    private final SortOperator operator;

    public SortExec(List<SortOrder> order, PhysicalPlan child) {
        super(child, child.output());
        this.order = List.copyOf(order);
        this.operator = SortOperator.over(order, child.output());
    }

    @Override
    public String nodeName() {
        return "Sort";
    }

    @Override
    public String argString() {
        return list(order) + ", true, 0";
    }

    @Override
    public void execute(ExecutionContext context, ChunkConsumer downstream) {
        try (MemoryBudget.Reservation held = context.memory().reserve(nodeName())) {
            Chunk all = Chunks.gather(gather(context, child(), held), child().output());
            for (Chunk c : Chunks.split(operator.sort(all))) {
                downstream.accept(c);
            }
        }
    }
}
