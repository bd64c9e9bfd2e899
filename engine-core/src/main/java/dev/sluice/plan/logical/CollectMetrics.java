package dev.sluice.plan.logical;

import dev.sluice.batch.Chunk;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import java.util.List;

/**
 * Passes its input through unchanged while computing named aggregate metrics over it (Spark's
 * {@code CollectMetrics}, from {@code Dataset.observe}). {@code metrics} is a global aggregation over the same
 * child; when an execution of the plan has seen every row, its one-row result goes to the execution's observed
 * metrics (a micro-batch's {@code observedMetrics}) and to {@code listener} (an {@code Observation}), if any.
 */
public final class CollectMetrics extends UnaryNode {
    /** Receives a completed execution's metrics: the result columns and their one-row chunk. */
    @FunctionalInterface
    public interface Listener {
        void metrics(List<AttributeReference> columns, Chunk row);
    }

    private final String name;
    private final Aggregate metrics;
    private final Listener listener;

    /** {@code metrics} must be a global aggregation of {@code child}. */
    public CollectMetrics(String name, Aggregate metrics, Listener listener, LogicalPlan child) {
        super(child);
        if (metrics.child() != child || !metrics.groupingExpressions().isEmpty()) {
            throw new IllegalArgumentException("metrics must be a global aggregation of the child");
        }
        this.name = name;
        this.metrics = metrics;
        this.listener = listener;
    }

    public String name() {
        return name;
    }

    public Aggregate metrics() {
        return metrics;
    }

    /** Who else is told the metrics, or null. */
    public Listener listener() {
        return listener;
    }

    @Override
    public List<Expression> expressions() {
        return metrics.aggregateExpressions();
    }

    @Override
    public List<AttributeReference> output() {
        return child.output();
    }

    @Override
    public String describe() {
        return "CollectMetrics " + name + ", " + list(metrics.aggregateExpressions());
    }
}
