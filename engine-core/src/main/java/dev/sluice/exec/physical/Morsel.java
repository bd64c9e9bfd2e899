package dev.sluice.exec.physical;

import dev.sluice.batch.Chunk;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * One independent piece of a pipeline's work (a chunk of a scan pushed through the stateless operators above
 * it), as in morsel-driven execution: the morsels of a node, run in order, push exactly the chunks the node's
 * {@link PhysicalPlan#execute} pushes, and different morsels may run on different threads at once.
 */
@FunctionalInterface
public interface Morsel {
    /** Pushes this morsel's output chunks, in order, into {@code downstream}, from the calling thread. */
    void run(ChunkConsumer downstream);

    /** One morsel per chunk, each pushing its chunk as it is. */
    static Iterator<Morsel> ofChunks(Iterator<Chunk> chunks) {
        return map(chunks, c -> downstream -> downstream.accept(c));
    }

    /** One morsel per chunk of a list. */
    static Iterator<Morsel> ofChunks(List<Chunk> chunks) {
        return ofChunks(chunks.iterator());
    }

    /**
     * One morsel per partition of {@code partitions} (index = position), each pushing its chunks in order with its
     * {@link dev.sluice.expr.TaskPartition} current: what {@link PhysicalPlan#partitionMorsels} returns.
     */
    static Iterator<Morsel> ofPartitions(List<List<Chunk>> partitions) {
        List<Morsel> out = new java.util.ArrayList<>();
        for (int i = 0; i < partitions.size(); i++) {
            dev.sluice.expr.TaskPartition partition = new dev.sluice.expr.TaskPartition(i);
            List<Chunk> part = partitions.get(i);
            out.add(downstream -> dev.sluice.expr.TaskPartition.run(partition, () -> part.forEach(downstream::accept)));
        }
        return out.iterator();
    }

    /** {@code first}, then the rest of {@code rest}. */
    static Iterator<Morsel> prepend(Morsel first, Iterator<Morsel> rest) {
        return new Iterator<>() {
            private boolean firstTaken;

            @Override
            public boolean hasNext() {
                return !firstTaken || rest.hasNext();
            }

            @Override
            public Morsel next() {
                if (!firstTaken) {
                    firstTaken = true;
                    return first;
                }
                return rest.next();
            }
        };
    }

    /** {@code items} mapped lazily. */
    static <T> Iterator<Morsel> map(Iterator<T> items, Function<T, Morsel> f) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return items.hasNext();
            }

            @Override
            public Morsel next() {
                return f.apply(items.next());
            }
        };
    }
}
