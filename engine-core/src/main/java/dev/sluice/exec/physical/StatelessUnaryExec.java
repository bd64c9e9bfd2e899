package dev.sluice.exec.physical;

import dev.sluice.expr.AttributeReference;
import java.util.Iterator;
import java.util.List;

/**
 * A node that transforms each chunk on its own (project, filter, generate): it streams, and splits into the
 * morsels of its child, each mapped through {@link #wrap}. Implementations must be thread-safe: different
 * morsels run on different threads at once. A node evaluating partition-dependent expressions
 * ({@link #partitionDependent()}) splits into its child's partitions instead, each run in order on one thread,
 * so its expressions see every row of a partition in order (Spark's per-task evaluation).
 */
public abstract class StatelessUnaryExec extends UnaryExec {
    protected StatelessUnaryExec(PhysicalPlan child, List<AttributeReference> output) {
        super(child, output);
    }

    /** The consumer that applies this node to each chunk and pushes the result into {@code downstream}. */
    protected abstract ChunkConsumer wrap(ChunkConsumer downstream);

    /** Whether this node's work depends on the partition of each row (then it runs partition by partition). */
    protected boolean partitionDependent() {
        return false;
    }

    @Override
    public final void execute(ExecutionContext context, ChunkConsumer downstream) {
        if (partitionDependent()) {
            child().partitionMorsels(context).forEachRemaining(m -> m.run(wrap(downstream)));
            return;
        }
        child().execute(context, wrap(downstream));
    }

    @Override
    public final Iterator<Morsel> morsels(ExecutionContext context) {
        if (partitionDependent()) {
            return partitionMorsels(context);
        }
        return Morsel.map(child().morsels(context), m -> downstream -> m.run(wrap(downstream)));
    }

    @Override
    public final Iterator<Morsel> partitionMorsels(ExecutionContext context) {
        return Morsel.map(child().partitionMorsels(context), m -> downstream -> m.run(wrap(downstream)));
    }
}
