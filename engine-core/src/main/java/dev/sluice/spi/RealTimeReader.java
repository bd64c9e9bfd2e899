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
     * each poll asks for the latest offset (within the source's default read limit) and reads the range since the
     * previous one; while there is nothing new it waits through {@code arrivals} (woken by the source when data
     * comes, or sleeping until the clock releases the next rows) until the timeout. The records are those of
     * {@link Source#read}, so the replay contract of {@link SupportsRealTime} holds by construction.
     */
    static RealTimeReader polling(Source source, Offset start, Arrivals arrivals) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(arrivals, "arrivals");
        return new RealTimeReader() {
            private Offset position = start;

            @Override
            public List<Chunk> poll(long timeoutMs) throws InterruptedException {
                long deadline = System.nanoTime() + timeoutMs * 1_000_000;
                while (true) {
                    long mark = arrivals.mark(); // read before asking: an arrival after it changes the mark
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
                    arrivals.await(mark, left);
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

    /**
     * {@link #polling(Source, Offset, Arrivals)} asking every {@code checkEveryMicros} µs, for a source that can
     * neither signal arrivals nor say when its next rows are due.
     */
    static RealTimeReader polling(Source source, Offset start, long checkEveryMicros) {
        return polling(source, start, Arrivals.every(checkEveryMicros * 1000));
    }

    /**
     * How a {@link #polling} reader waits for a source's next rows instead of asking it in a busy loop: a mark that
     * changes when rows may have arrived, and a wait for that change. Thread-safe: marks move on the threads that
     * bring data ({@link Signal#arrived()}), the reader waits on the query thread.
     */
    interface Arrivals {
        /** A value that changes whenever new rows may have arrived since it was read. */
        long mark();

        /**
         * Waits until {@link #mark()} differs from {@code mark} or {@code timeoutNanos} passed; may return early.
         *
         * @throws InterruptedException when the waiting thread is interrupted
         */
        void await(long mark, long timeoutNanos) throws InterruptedException;

        /** For a source that cannot tell: the reader asks again every {@code nanos}. */
        static Arrivals every(long nanos) {
            return until(() -> nanos);
        }

        /**
         * For a source whose rows are released by a clock: {@code nanosUntilNext} says how long until the next
         * rows are due (asked before each wait; the wait is never shorter than 50 µs).
         */
        static Arrivals until(java.util.function.LongSupplier nanosUntilNext) {
            return new Arrivals() {
                @Override
                public long mark() {
                    return 0;
                }

                @Override
                public void await(long mark, long timeoutNanos) {
                    java.util.concurrent.locks.LockSupport.parkNanos(
                            Math.min(timeoutNanos, Math.max(50_000, nanosUntilNext.getAsLong())));
                }
            };
        }
    }

    /**
     * {@link Arrivals} of a source that is told when data comes (a {@code MemoryStream}'s {@code addData}, a socket
     * source's receiving thread): {@link #arrived()} moves the mark and wakes the reader at once.
     */
    final class Signal implements Arrivals {
        private long arrivals;

        /** New rows are readable (call after they were added). */
        public synchronized void arrived() {
            arrivals++;
            notifyAll();
        }

        @Override
        public synchronized long mark() {
            return arrivals;
        }

        @Override
        public synchronized void await(long mark, long timeoutNanos) throws InterruptedException {
            long deadline = System.nanoTime() + timeoutNanos;
            while (arrivals == mark) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                wait(left / 1_000_000, (int) (left % 1_000_000));
            }
        }
    }
}
