package dev.sluice.exec.physical;

import dev.sluice.expr.AttributeReference;
import java.util.Iterator;
import java.util.List;

/**
 * A node that transforms each chunk on its own (project, filter, generate): it streams, and splits into the
 * morsels of its child, each mapped through {@link #wrap}. Implementations must be thread-safe: different
 * morsels run on different threads at once.
 */
public abstract class StatelessUnaryExec extends UnaryExec {
    protected StatelessUnaryExec(PhysicalPlan child, List<AttributeReference> output) {
        super(child, output);
    }

    /** The consumer that applies this node to each chunk and pushes the result into {@code downstream}. */
    protected abstract ChunkConsumer wrap(ChunkConsumer downstream);

    @Override
    public final void execute(ExecutionContext context, ChunkConsumer downstream) {
        child().execute(context, wrap(downstream));
    }

    @Override
    public final Iterator<Morsel> morsels(ExecutionContext context) {
        return Morsel.map(child().morsels(context), m -> downstream -> m.run(wrap(downstream)));
    }
}
