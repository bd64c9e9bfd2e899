package dev.sluice.exec.physical;

import dev.sluice.batch.Chunk;
import dev.sluice.exec.AggregationSpec;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.expr.aggregate.AggregateFunction;
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
    /** The child is a generator whose generated columns no aggregate function reads (they are grouping keys). */
    private final boolean generatedOnlyAsKeys;

    public HashAggregateExec(Aggregate logical, PhysicalPlan child) {
        super(child, logical.output());
        this.groupingExpressions = logical.groupingExpressions();
        this.aggregateExpressions = logical.aggregateExpressions();
        this.spec = new AggregationSpec(logical);
        this.generatedOnlyAsKeys = child instanceof GenerateExec generate
                && !readsAny(logical.aggregateExpressions(), generate.generatedAttributes());
    }

    /**
     * Whether an aggregate function of {@code expressions} reads one of {@code attributes} (the generated columns
     * below): only then could an accumulator keep a generated vector (the grouping table copies its keys).
     */
    private static boolean readsAny(List<Expression> expressions, List<AttributeReference> attributes) {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        attributes.forEach(a -> ids.add(a.exprId()));
        for (Expression e : expressions) {
            List<AggregateFunction> functions = new java.util.ArrayList<>();
            e.collect(AggregateFunction.class, functions);
            for (AggregateFunction f : functions) {
                List<AttributeReference> refs = new java.util.ArrayList<>();
                f.collect(AttributeReference.class, refs);
                if (refs.stream().anyMatch(r -> ids.contains(r.exprId()))) {
                    return true;
                }
            }
        }
        return false;
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
        // Grouped right over a generator whose columns are only keys: the aggregator keeps no generated vector past
        // its chunk, so a time window may reuse its arrays (same rows, same order: only the storage is recycled).
        java.util.Iterator<Morsel> input = generatedOnlyAsKeys
                ? ((GenerateExec) child()).morselsForTransientConsumer(context) : child().morsels(context);
        List<Chunk> result = ParallelAggregation.aggregateResult(context, spec, input);
        try (MemoryBudget.Reservation held = context.memory().reserve(nodeName())) {
            for (Chunk c : result) {
                held.add(c);
                downstream.accept(c);
            }
        }
    }
}
