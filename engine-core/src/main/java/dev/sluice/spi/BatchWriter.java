package dev.sluice.spi;

import dev.sluice.batch.Chunk;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Receives the rows of one micro-batch for a {@link Sink}: {@link #write} once per chunk, in order, then
 * {@link #commit()} exactly once when every row was written, or {@link #abort} when the batch failed before
 * that. Chunks are immutable; a writer may keep them. Used from the query's execution thread only, except a
 * {@link #commitsOffThread()} writer's {@link #commit()} and a {@link #writesOnWorkers()} writer's {@link #write}.
 */
public interface BatchWriter {
    /** Writes (or buffers) one chunk of the batch's rows, with the columns of the query's output schema. */
    void write(Chunk rows);

    /**
     * Real-time mode only: the rows written so far should become visible now if the sink shows rows before its
     * commit (an at-least-once sink pushes them out; a transactional sink keeps them for {@link #commit()}). The
     * engine calls it after each arrival it ran through the query. No-op by default.
     */
    default void flush() {
    }

    /** Makes the batch's rows durable and visible, once; after a crash the same batch may be written again. */
    void commit();

    /**
     * Real-time mode: whether {@link #commit()} (and an {@link #abort} after it failed) may run on another thread
     * after the last write, while the engine writes the next epoch through the sink's next writer. True suits an
     * at-least-once sink whose rows are already visible and whose commit only waits for what the writes sent (the
     * Kafka sink's producer flush): the epoch's offset log entry and this commit then leave the arrival path. A
     * transactional sink may answer true only if its next writer keeps the next epoch's rows out of this
     * transaction and begins its own only after this commit ended (the Kafka exactly-once sink holds them in
     * memory meanwhile; they are invisible until their own commit anyway); the engine runs the commits in epoch
     * order, each after its epoch's offset log entry is durable. False by default.
     */
    default boolean commitsOffThread() {
        return false;
    }

    /**
     * Micro-batches: whether {@link #write} may run on the engine's worker threads, where the batch's chunks are
     * produced (as Spark runs each task's {@code DataWriter} on its executor thread), instead of the query thread.
     * The guarantees a writer keeps either way: {@code write} is called once per chunk, one call at a time, in the
     * batch's order (the order a single-threaded run of the plan yields, so the rows reach the sink in exactly the
     * order they would on the query thread); each call happens-before the next one and before {@link #commit()}
     * or {@link #abort}, which stay on the query thread. What changes is only the thread: a writer that answers
     * true must not depend on thread-local state of the query thread, and must not block on work only the query
     * thread would do. An exception thrown by {@code write} on a worker stops the batch's pipeline and is rethrown
     * on the query thread as thrown, then {@link #abort} runs there, as for a write on the query thread. True suits
     * a writer whose per-row work is worth taking off the query thread (the Kafka sink's {@code producer.send});
     * false (the default) keeps every call on the query thread. Real-time epochs always write on the query thread.
     */
    default boolean writesOnWorkers() {
        return false;
    }

    /** The batch failed before {@link #commit()}: release what {@link #write} acquired. Must not throw. */
    default void abort(Throwable cause) {
    }

    /**
     * Drives {@code writer} through one batch, as the engine does: {@code rows} pushes the batch's chunks into the
     * consumer it is given (each goes to {@link #write}), then {@link #commit()}; when anything fails first,
     * {@link #abort} (a failing abort is attached to the cause as suppressed) and the failure is rethrown.
     * The consumer handed to {@code rows} may be called from another thread than this one, one call at a time and
     * each call happening-before the next and before {@code rows} returns ({@link #writesOnWorkers()}).
     *
     * @return the number of rows written
     */
    static long writeBatch(BatchWriter writer, Consumer<Consumer<Chunk>> rows) {
        long[] written = {0};
        try {
            rows.accept(chunk -> {
                written[0] += chunk.rowCount();
                writer.write(chunk);
            });
            writer.commit();
        } catch (RuntimeException | Error e) {
            try {
                writer.abort(e);
            } catch (RuntimeException | Error abortFailure) {
                e.addSuppressed(abortFailure);
            }
            throw e;
        }
        return written[0];
    }

    /**
     * A writer that gathers every chunk and hands them, in order, to {@code onCommit} at commit: for sinks
     * that need the whole batch at once (foreachBatch, memory, console).
     */
    static BatchWriter gathering(Consumer<List<Chunk>> onCommit) {
        List<Chunk> rows = new ArrayList<>();
        return new BatchWriter() {
            @Override
            public void write(Chunk chunk) {
                rows.add(chunk);
            }

            @Override
            public void commit() {
                onCommit.accept(rows);
            }
        };
    }

    /** A writer that discards the rows: the noop sink, or a batch the sink already committed before a crash. */
    static BatchWriter discarding() {
        return new BatchWriter() {
            @Override
            public void write(Chunk chunk) {
            }

            @Override
            public void commit() {
            }
        };
    }
}
