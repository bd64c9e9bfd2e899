package dev.sluice.exec.physical;

import java.util.Iterator;

/**
 * A unary node that defines its output partitions (exchange, coalesce, sort within partitions): its morsels are its
 * {@link #partitionMorsels partition morsels}, so the partitions run on worker threads, and {@link #execute} runs
 * them in order on the calling thread.
 */
abstract class PartitionedUnaryExec extends UnaryExec {
    PartitionedUnaryExec(PhysicalPlan child) {
        super(child, child.output());
    }

    @Override
    public abstract Iterator<Morsel> partitionMorsels(ExecutionContext context);

    @Override
    public final void execute(ExecutionContext context, ChunkConsumer downstream) {
        partitionMorsels(context).forEachRemaining(m -> m.run(downstream));
    }

    @Override
    public final Iterator<Morsel> morsels(ExecutionContext context) {
        return partitionMorsels(context);
    }
}
