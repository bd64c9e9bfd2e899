package dev.sluice.exec.physical;

import dev.sluice.exec.Chunks;
import dev.sluice.exec.WindowOperator;
import dev.sluice.plan.logical.Window;

/** Window functions over partitions of the whole input (Spark's {@code WindowExec}). A pipeline breaker. */
public final class WindowExec extends UnaryExec {
    private final Window logical;
    private final WindowOperator operator;

    public WindowExec(Window logical, PhysicalPlan child) {
        super(child, logical.output());
        this.logical = logical;
        this.operator = new WindowOperator(logical);
    }

    @Override
    public String nodeName() {
        return "Window";
    }

    @Override
    public String argString() {
        return list(logical.windowExpressions()) + ", " + list(logical.partitionSpec()) + ", "
                + list(logical.orderSpec());
    }

    @Override
    public void execute(ExecutionContext context, ChunkConsumer downstream) {
        try (MemoryBudget.Reservation held = context.memory().reserve(nodeName())) {
            Chunks.split(operator.execute(Chunks.gather(gather(context, child(), held), child().output())))
                    .forEach(downstream::accept);
        }
    }
}
