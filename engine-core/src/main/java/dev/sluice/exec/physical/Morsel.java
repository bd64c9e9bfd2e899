package dev.sluice.exec.physical;

import dev.sluice.batch.Chunk;
import java.util.List;

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
    static List<Morsel> ofChunks(List<Chunk> chunks) {
        return chunks.stream().<Morsel>map(c -> downstream -> downstream.accept(c)).toList();
    }
}
