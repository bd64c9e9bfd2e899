package dev.sluice.exec.physical;

import dev.sluice.batch.Chunk;
import dev.sluice.exec.Binder;
import dev.sluice.exec.Chunks;
import dev.sluice.expr.Expression;

/** Keeps the rows of each passing chunk for which the condition is true (Spark's {@code FilterExec}). */
public final class FilterExec extends StatelessUnaryExec {
    private final Expression condition;
    private final Expression bound;

    public FilterExec(Expression condition, PhysicalPlan child) {
        super(child, child.output());
        this.condition = condition;
        this.bound = Binder.bind(condition, child.output());
    }

    @Override
    protected boolean partitionDependent() {
        return dev.sluice.expr.PartitionDependent.within(condition);
    }

    @Override
    public String nodeName() {
        return "Filter";
    }

    @Override
    public String argString() {
        return condition.sql();
    }

    @Override
    protected ChunkConsumer wrap(ChunkConsumer downstream) {
        return c -> {
            Chunk kept = Chunks.select(c, bound.eval(c));
            if (kept.rowCount() > 0) {
                downstream.accept(kept);
            }
        };
    }
}
