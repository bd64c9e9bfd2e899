package dev.sluice.exec.physical;

import dev.sluice.batch.Chunk;
import dev.sluice.exec.AggregationSpec;
import dev.sluice.exec.HashAggregator;
import dev.sluice.plan.logical.CollectMetrics;
import java.util.List;

/**
 * Pushes its child's chunks through unchanged and folds them into the node's metrics (Spark's
 * {@code CollectMetricsExec}); when the child is done, the one-row result is recorded in the execution
 * ({@link ExecutionContext#observedMetrics()}) and handed to the node's listener. The child's morsels still run
 * on worker threads; the fold happens on the calling thread, in order.
 */
public final class CollectMetricsExec extends UnaryExec {
    private final CollectMetrics logical;
    private final AggregationSpec spec;

    public CollectMetricsExec(CollectMetrics logical, PhysicalPlan child) {
        super(child, child.output());
        this.logical = logical;
        this.spec = new AggregationSpec(logical.metrics());
    }

    @Override
    public String nodeName() {
        return "CollectMetrics";
    }

    @Override
    public String argString() {
        return logical.name() + ", " + list(logical.metrics().aggregateExpressions());
    }

    @Override
    public void execute(ExecutionContext context, ChunkConsumer downstream) {
        HashAggregator aggregator = new HashAggregator(spec);
        context.push(child(), c -> {
            aggregator.add(c);
            downstream.accept(c);
        });
        List<Chunk> result = aggregator.result();
        Chunk row = result.isEmpty() ? null : result.get(0);
        if (row == null) {
            return;
        }
        context.recordMetrics(logical.name(), logical.metrics().output(), row);
        if (logical.listener() != null) {
            logical.listener().metrics(logical.metrics().output(), row);
        }
    }
}
