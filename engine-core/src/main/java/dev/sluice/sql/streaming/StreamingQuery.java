package dev.sluice.sql.streaming;

import dev.sluice.sql.SluiceSession;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * A handle to a streaming query running in the background, as Spark's {@code StreamingQuery}. Obtained from
 * {@link DataStreamWriter#start()}; every method is thread-safe.
 *
 * <p>Lifecycle: active from {@code start()} until {@link #stop()} is called, the trigger finishes
 * ({@code Once}, {@code AvailableNow}) or a batch fails; then {@link #exception()} tells which.
 *
 * <p>Guarantees after a crash (with a {@code checkpointLocation}): each micro-batch's offsets are written
 * before it runs and a commit record after its sink write. A restart re-runs the last uncommitted batch
 * with the same offsets, batch id and batch timestamp, so replayable sources and sinks that are idempotent
 * per batch id (memory, foreachBatch/foreach writers that check the id) give exactly-once output.
 */
public interface StreamingQuery {
    /** The name set with {@code queryName}, or null. */
    String name();

    /** The query id: stable across restarts from the same checkpoint. */
    UUID id();

    /** The id of this run: new at every start. */
    UUID runId();

    SluiceSession sparkSession();

    boolean isActive();

    /**
     * The failure that terminated the query; empty while it runs and after a stop without error. Spark's Java
     * signature returns {@code scala.Option}; {@link dev.sluice.api.java.Option} has its Java-visible members
     * ({@code isDefined()}, {@code isEmpty()}, {@code get()}, {@code getOrElse(...)}).
     */
    dev.sluice.api.java.Option<StreamingQueryException> exception();

    StreamingQueryStatus status();

    /** The progress of the most recent batches, oldest first (at most 100). */
    StreamingQueryProgress[] recentProgress();

    /** The progress of the most recent batch, or null before the first one. */
    StreamingQueryProgress lastProgress();

    /**
     * Waits until the query terminates.
     *
     * @throws StreamingQueryException when it terminated with an error
     */
    void awaitTermination() throws StreamingQueryException;

    /**
     * Waits at most {@code timeoutMs} for the query to terminate.
     *
     * @return whether it terminated
     * @throws StreamingQueryException when it terminated with an error
     */
    boolean awaitTermination(long timeoutMs) throws StreamingQueryException;

    /**
     * Blocks until every source's data available at the time of the call has been processed and
     * committed. For tests: it may never return when data keeps arriving.
     *
     * @throws StreamingQueryException when the query fails meanwhile
     */
    void processAllAvailable();

    /**
     * Stops the query: interrupts it when waiting for a trigger, otherwise waits for the running batch to
     * end, then returns once the execution thread has terminated. Idempotent.
     *
     * @throws TimeoutException never in Sluice (kept for Spark compatibility of the signature)
     */
    void stop() throws TimeoutException;

    /** Prints the physical plan to standard output. */
    void explain();

    /** Prints the plans; with {@code extended} also the analyzed logical plan. */
    void explain(boolean extended);
}
