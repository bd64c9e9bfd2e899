package dev.sluice.spi;

import dev.sluice.batch.Chunk;
import dev.sluice.sql.types.StructType;
import java.util.Iterator;
import java.util.List;

/**
 * A streaming input read in micro-batches, as Spark's {@code Source}/{@code SupportsAdmissionControl}. The
 * engine creates one instance per query run (see {@link StreamingProvider#createSource}) and calls it from
 * the query's execution thread (except the iterator of {@link #readChunks}, see there), in this order per
 * batch: {@link #latestOffset} (plan the batch; the engine then writes the offset range to its write-ahead
 * log), {@link #readChunks} (fetch the range, as the pipeline consumes it), {@link #commit} (the batch is
 * durably done). {@link #stop} once at the end.
 *
 * <p>Contract for exactly-once: {@code read(start, end)} must return the same rows for the same range
 * every time it is called, including in a new process after a crash, as long as {@code end} is after the
 * last committed offset. Data up to a committed offset may be freed.
 */
public interface Source {
    /** The schema of the rows {@link #read} returns. */
    StructType schema();

    /** The limit applied to each batch unless the trigger overrides it (e.g. {@code Trigger.Once}). */
    default ReadLimit defaultReadLimit() {
        return ReadLimit.allAvailable();
    }

    /**
     * The end of the next batch: the furthest offset after {@code start} within {@code limit}.
     *
     * @param start the end of the previous batch, or null before the first batch
     * @return the offset (equal to {@code start} when there is nothing new), or null when there has never
     *         been any data
     */
    Offset latestOffset(Offset start, ReadLimit limit);

    /**
     * Called once before the first batch of a {@code Trigger.AvailableNow} query: from now on
     * {@link #latestOffset} must not go past the data available at this moment (Spark's
     * {@code SupportsTriggerAvailableNow}). Sources that cannot do this simply keep reading.
     */
    default void prepareForTriggerAvailableNow() {
    }

    /**
     * Figures for this source's progress report ({@code sources[].metrics}, Spark's {@code ReportsSourceMetrics}),
     * after the batch that ended at {@code latestConsumed}; e.g. the file source's backlog under
     * {@code Trigger.AvailableNow}. Empty by default.
     */
    default java.util.Map<String, String> metrics(Offset latestConsumed) {
        return java.util.Map.of();
    }

    /**
     * The latest offset available ignoring read limits, for progress reports; null when the source does not
     * report it, which progress prints as {@code "latestOffset" : null} as Spark does for its sources with
     * admission control that do not report one (MemoryStream, files, rate-micro-batch).
     */
    default Offset reportLatestOffset() {
        return null;
    }

    /**
     * The engine's promise, made once before the first trigger of a micro-batch run: after every {@link #latestOffset}
     * that returns a new offset, it calls {@link #awaitPlanLogged()} before the offset log entry naming that offset is
     * written. A source that records each planned batch durably before the engine's entry may name it (the file
     * source's seen-files log, {@code sources/<n>/<id>}) may then finish that write on another thread while the engine
     * writes its own entry, instead of before {@code latestOffset} returns: the write-ahead order (the source's record
     * is durable before the engine's entry names it) is unchanged, and the two writes' fsyncs overlap. Without the
     * promise (other callers of {@code latestOffset}) a source writes before returning. Default: ignored.
     */
    default void deferPlanLogging() {
    }

    /**
     * Blocks until the record {@link #latestOffset} wrote of the batch it planned is durable (see
     * {@link #deferPlanLogging}); returns at once when there is none pending. Default: nothing to wait for.
     *
     * @throws RuntimeException the failure of that write, as {@code latestOffset} would have thrown it
     */
    default void awaitPlanLogged() {
    }

    /**
     * The rows after {@code start} (exclusive; null = from the beginning) up to {@code end} (inclusive).
     * Must be deterministic for a given range (see the class comment).
     */
    List<Chunk> read(Offset start, Offset end);

    /**
     * The rows of {@link #read read(start, end)}, chunk by chunk, in the same order: the engine pulls the next
     * chunk as the batch's pipeline takes it, so a source that overrides this (reading its range piece by piece)
     * lets a batch larger than the heap flow through a stateless query. The default reads the whole range
     * first. The iterator may be advanced from the batch's worker threads, one call at a time (each call
     * happens-before the next), and may be abandoned before its end when the batch fails; the same
     * determinism contract as {@link #read} applies.
     */
    default Iterator<Chunk> readChunks(Offset start, Offset end) {
        return read(start, end).iterator();
    }

    /** Every offset up to {@code end} has been processed and committed; data before it may be freed. */
    default void commit(Offset end) {
    }

    /** Parses an offset written by {@link Offset#json()} of this source (read back from the offset log). */
    default Offset deserializeOffset(String json) {
        return Offset.of(json);
    }

    /** Releases resources; called once when the query terminates. */
    default void stop() {
    }

    /** A short description for progress reports and {@code explain()}. */
    default String description() {
        return getClass().getSimpleName();
    }
}
