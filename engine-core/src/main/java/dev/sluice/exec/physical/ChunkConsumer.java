package dev.sluice.exec.physical;

import dev.sluice.batch.Chunk;

/**
 * Where a {@link PhysicalPlan} pushes its output: the next operator of a pipeline, a breaker's buffer or a
 * sink writer. Called from one thread at a time; a chunk is never handed in twice, and the consumer may keep
 * it (chunks are immutable).
 */
@FunctionalInterface
public interface ChunkConsumer {
    void accept(Chunk chunk);
}
