package dev.sluice.monitor;

import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryException;
import dev.sluice.sql.streaming.StreamingQueryManager;
import dev.sluice.sql.streaming.StreamingQueryProgress;
import java.util.Map;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's log of streaming queries, fed by the listener events of a session (registered by the session's
 * {@code StreamingQueryManager}; docs/OPERATIONS.md lists the loggers):
 * <ul>
 *   <li>{@code dev.sluice.streaming}: a query started (INFO, with id, runId, name and checkpoint), terminated
 *   without error (INFO), failed (ERROR, once, with the error class and the stack trace);</li>
 *   <li>{@code dev.sluice.streaming.batch}: one DEBUG line per batch (id, rows, duration per phase, watermark)
 *   and a WARN for a batch slower than {@value #SLOW_BATCH_THRESHOLD} (default {@value #DEFAULT_SLOW_BATCH_MS}
 *   ms), naming its slowest phase.</li>
 * </ul>
 * Lines hold ids, counts and durations only: no row data, no options, so no secret. Events come on the session's
 * listener thread, one at a time; thread-safe.
 */
public final class QueryLog extends TrackingListener {
    /** Sluice extension: batches that take longer (in ms) are logged at WARN; 0 or less turns the warning off. */
    /** The setting (declared with the session's other settings, so the facade never reaches into monitoring). */
    public static final String SLOW_BATCH_THRESHOLD = dev.sluice.sql.RuntimeConfig.SLOW_BATCH_THRESHOLD;
    static final long DEFAULT_SLOW_BATCH_MS = 10_000;
    static final String LIFECYCLE_LOGGER = "dev.sluice.streaming";
    static final String BATCH_LOGGER = "dev.sluice.streaming.batch";

    private static final Logger LIFECYCLE = LoggerFactory.getLogger(LIFECYCLE_LOGGER);
    private static final Logger BATCH = LoggerFactory.getLogger(BATCH_LOGGER);
    private final SluiceSession session;

    /** The log of the queries of {@code streams}, the manager of {@code session} (read for the settings). */
    public QueryLog(SluiceSession session, StreamingQueryManager streams) {
        super(streams);
        this.session = session;
    }

    @Override
    protected void started(QueryStartedEvent event, StreamingQuery query) {
        LIFECYCLE.info("Started streaming query {} [id = {}, runId = {}, name = {}] with checkpoint {}", label(query),
                query.id(), query.runId(), query.name(), QueryInternals.checkpointLocation(query).orElse("(unknown)"));
    }

    @Override
    protected void progress(QueryProgressEvent event, StreamingQuery query) {
        StreamingQueryProgress p = event.progress();
        long threshold = slowBatchThresholdMs();
        boolean slow = threshold > 0 && p.batchDuration() > threshold;
        if (!slow && !BATCH.isDebugEnabled()) {
            return;
        }
        String watermark = p.eventTime().getOrDefault("watermark", "none");
        if (BATCH.isDebugEnabled()) {
            BATCH.debug("Query {} batch {}: {} input rows, {} output rows, {} ms ({}), watermark {}", label(query),
                    p.batchId(), p.numInputRows(), p.sink() == null ? 0 : p.sink().numOutputRows(), p.batchDuration(),
                    phases(p.durationMs()), watermark);
        }
        if (slow) {
            Map.Entry<String, Long> slowest = slowestPhase(p.durationMs());
            BATCH.warn("Query {} batch {} took {} ms, over the {} ms of {}; slowest phase: {} ({} ms). All phases: {}",
                    label(query), p.batchId(), p.batchDuration(), threshold, SLOW_BATCH_THRESHOLD,
                    slowest == null ? "none" : slowest.getKey(), slowest == null ? 0 : slowest.getValue(),
                    phases(p.durationMs()));
        }
    }

    @Override
    protected void terminated(QueryTerminatedEvent event, StreamingQuery query) {
        StreamingQueryException failure = query.exception().orNull();
        if (failure == null) {
            LIFECYCLE.info("Streaming query {} [id = {}, runId = {}] terminated without error after {} batches",
                    label(query), query.id(), query.runId(), batches(query));
            return;
        }
        QueryFailure why = QueryFailure.of(failure);
        LIFECYCLE.error("Streaming query {} [id = {}, runId = {}] terminated with error [{}]: {}", label(query),
                query.id(), query.runId(), why.errorClass(), why.message(), failure);
    }

    private static long batches(StreamingQuery query) {
        StreamingQueryProgress last = query.lastProgress();
        return last == null ? 0 : last.batchId() + 1;
    }

    private long slowBatchThresholdMs() {
        String value = session.conf().get(SLOW_BATCH_THRESHOLD, Long.toString(DEFAULT_SLOW_BATCH_MS));
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SLOW_BATCH_THRESHOLD + " must be a number of milliseconds, got '"
                    + value + "'", e);
        }
    }

    /** The phase that took longest, the whole trigger excepted. */
    static Map.Entry<String, Long> slowestPhase(Map<String, Long> durations) {
        Map.Entry<String, Long> slowest = null;
        for (Map.Entry<String, Long> e : durations.entrySet()) {
            if (!e.getKey().equals("triggerExecution") && (slowest == null || e.getValue() > slowest.getValue())) {
                slowest = e;
            }
        }
        return slowest;
    }

    private static String phases(Map<String, Long> durations) {
        StringJoiner out = new StringJoiner(", ");
        durations.forEach((phase, ms) -> {
            if (!phase.equals("triggerExecution")) {
                out.add(phase + "=" + ms);
            }
        });
        return out.toString();
    }
}
