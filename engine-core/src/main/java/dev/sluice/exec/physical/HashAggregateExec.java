package dev.sluice.exec.physical;

import dev.sluice.batch.Chunk;
import dev.sluice.exec.AggregationSpec;
import dev.sluice.expr.Expression;
import dev.sluice.plan.logical.Aggregate;
import java.util.List;

/**
 * A hash aggregation of a bounded input (Spark's {@code HashAggregateExec}): folds every input chunk into a
 * {@link dev.sluice.exec.HashAggregator} owned by the execution, then pushes one row per group, in first-seen
 * order. With several threads, contiguous ranges of the input's morsels are folded into their own aggregators and
 * merged in range order, the merge itself on the threads too ({@link ParallelAggregation#aggregateResult}). A
 * pipeline breaker.
 */
public final class HashAggregateExec extends UnaryExec {
    private final List<Expression> groupingExpressions;
    private final List<Expression> aggregateExpressions;
    private final AggregationSpec spec;

    public HashAggregateExec(Aggregate logical, PhysicalPlan child) {
        super(child, logical.output());
        this.groupingExpressions = logical.groupingExpressions();
        this.aggregateExpressions = logical.aggregateExpressions();
        this.spec = new AggregationSpec(logical);
    }

    @Override
    public String nodeName() {
        return "HashAggregate";
    }

    @Override
    public String argString() {
        return "(keys=" + list(groupingExpressions) + ", functions=" + list(aggregateExpressions) + ")";
    }

    @Override
    public void execute(ExecutionContext context, ChunkConsumer downstream) {
        List<Chunk> result = ParallelAggregation.aggregateResult(context, spec, child().morsels(context));
        try (MemoryBudget.Reservation held = context.memory().reserve(nodeName())) {
            for (Chunk c : result) {
                held.add(c);
                downstream.accept(c);
            }
        }
    }
}
