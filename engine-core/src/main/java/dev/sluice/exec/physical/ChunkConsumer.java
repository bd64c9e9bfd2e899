package dev.sluice.exec.physical;

import dev.sluice.batch.Chunk;

/**
 * Where a {@link PhysicalPlan} pushes its output: the next operator of a pipeline, a breaker's buffer or a
 * sink writer. Called from one thread at a time; a chunk is never handed in twice, and the consumer may keep
 * it (chunks are immutable). By default from the thread that runs the plan; see {@link #acceptsOnWorkers()}.
 */
@FunctionalInterface
public interface ChunkConsumer {
    void accept(Chunk chunk);

    /**
     * Whether a parallel region may call {@link #accept} from its worker threads (whichever worker holds the turn
     * of the next chunk in order) rather than from the thread that runs the plan. The calls stay one at a time, in
     * the order of a single-threaded run, each happening-before the next and before the run returns; an exception
     * thrown by {@code accept} fails the run and is rethrown, as thrown, on the thread that runs the plan. False by
     * default.
     */
    default boolean acceptsOnWorkers() {
        return false;
    }

    /** {@code consumer}, marked as callable from worker threads ({@link #acceptsOnWorkers()}). */
    static ChunkConsumer onWorkers(ChunkConsumer consumer) {
        return new ChunkConsumer() {
            @Override
            public void accept(Chunk chunk) {
                consumer.accept(chunk);
            }

            @Override
            public boolean acceptsOnWorkers() {
                return true;
            }
        };
    }
}
