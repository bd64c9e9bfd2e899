package dev.sluice.spi;

import dev.sluice.batch.Chunk;
import java.util.List;
import java.util.Objects;

/**
 * Continuous delivery of one source's records into a {@code Trigger.RealTime} query: the engine calls {@link #poll}
 * in a loop and runs whatever it returns through the query at once; at the end of an epoch {@link #offset()} is the
 * epoch's end offset for the source, written to the offset log, and the same reader goes on with the next epoch
 * (unless {@link #reopenAtEpochEnd()}; after a failure or restart a new reader starts at the committed offset). Not thread-safe: used by
 * the query's execution thread only; {@link #close()} once.
 */
public interface RealTimeReader extends AutoCloseable {
    /**
     * The records that arrived after those returned so far, waiting up to {@code timeoutMs} (0: do not wait) for
     * the first one; an empty list when none came.
     *
     * @throws InterruptedException when the query thread is interrupted (the query is stopping)
     */
    List<Chunk> poll(long timeoutMs) throws InterruptedException;

    /** The offset just after every record {@link #poll} returned so far (the start offset before any). */
    Offset offset();

    /**
     * Asked between epochs: whether the engine should close this reader and open a new one for the next epoch
     * (e.g. the Kafka source found partitions it does not read). Otherwise a reader lives across epochs, so an
     * epoch boundary costs no reconnection. False by default.
     */
    default boolean reopenAtEpochEnd() {
        return false;
    }

    @Override
    default void close() {
    }

    /**
     * A reader for sources whose {@link Source#latestOffset} is cheap (in memory, or computed from the clock):
     * each poll asks for the latest offset (within the source's default read limit) and reads the range since the previous one, checking again every
     * {@code checkEveryMicros} µs until the timeout. The records are those of {@link Source#read}, so the replay
     * contract of {@link SupportsRealTime} holds by construction.
     */
    static RealTimeReader polling(Source source, Offset start, long checkEveryMicros) {
        Objects.requireNonNull(source, "source");
        return new RealTimeReader() {
            private Offset position = start;

            @Override
            public List<Chunk> poll(long timeoutMs) throws InterruptedException {
                long deadline = System.nanoTime() + timeoutMs * 1_000_000;
                while (true) {
                    Offset latest = source.latestOffset(position, source.defaultReadLimit());
                    if (latest != null && (position == null || !latest.json().equals(position.json()))) {
                        List<Chunk> chunks = source.read(position, latest);
                        position = latest;
                        return chunks;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return List.of();
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(Math.min(left, checkEveryMicros * 1000));
                    if (Thread.interrupted()) {
                        throw new InterruptedException("real-time read of " + source.description() + " interrupted");
                    }
                }
            }

            @Override
            public Offset offset() {
                return position;
            }
        };
    }
}
