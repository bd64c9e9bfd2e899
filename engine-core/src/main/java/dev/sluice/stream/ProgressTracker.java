package dev.sluice.stream;

import dev.sluice.sql.streaming.SinkProgress;
import dev.sluice.sql.streaming.SourceProgress;
import dev.sluice.sql.streaming.StateOperatorProgress;
import dev.sluice.sql.streaming.StreamingQueryProgress;
import dev.sluice.state.StateStoreInstanceMetrics;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Times the phases of one trigger with the query's clock and builds its {@link StreamingQueryProgress}, as
 * Spark's {@code ProgressReporter}; keeps the last 100. Written by the execution thread; the progress
 * history is read by any thread under this object's lock.
 */
final class ProgressTracker {
    static final int RETAINED = 100;
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final ArrayDeque<StreamingQueryProgress> recent = new ArrayDeque<>();
    private final Map<String, Long> durations = new HashMap<>();
    private long triggerStart = -1;
    private long lastTriggerStart = -1;

    ProgressTracker(Clock clock) {
        this.clock = clock;
    }

    static String format(long epochMs) {
        return TIMESTAMP.format(Instant.ofEpochMilli(epochMs));
    }

    void startTrigger() {
        durations.clear();
        triggerStart = clock.getTimeMillis();
    }

    long triggerStart() {
        return triggerStart;
    }

    /** Runs {@code body}, adding its clock time to {@code phase}. */
    <T> T time(String phase, Supplier<T> body) {
        long start = clock.getTimeMillis();
        try {
            return body.get();
        } finally {
            durations.merge(phase, clock.getTimeMillis() - start, Long::sum);
        }
    }

    void time(String phase, Runnable body) {
        time(phase, () -> {
            body.run();
            return null;
        });
    }

    /** One source's figures for the batch. */
    record SourceFigures(String description, String start, String end, String latest, long rows,
                         Map<String, String> metrics) {
    }

    /** Ends a trigger that ran a batch and records its progress. */
    StreamingQueryProgress finishBatch(UUID id, UUID runId, String name, long batchId, List<SourceFigures> sources,
                                       Map<String, String> eventTime, List<StateOperatorProgress> operators,
                                       SinkProgress sink, Map<String, dev.sluice.sql.Row> observedMetrics) {
        long end = clock.getTimeMillis();
        durations.put("triggerExecution", end - triggerStart);
        double processingSec = Math.max(1L, end - triggerStart) / 1000.0;
        double inputSec = lastTriggerStart >= 0 ? (triggerStart - lastTriggerStart) / 1000.0 : Double.POSITIVE_INFINITY;
        List<SourceProgress> sourceProgress = new ArrayList<>();
        for (SourceFigures s : sources) {
            sourceProgress.add(new SourceProgress(s.description(), s.start(), s.end(), s.latest(), s.rows(),
                    s.rows() / inputSec, s.rows() / processingSec, s.metrics()));
        }
        StreamingQueryProgress progress = new StreamingQueryProgress(id, runId, name, format(triggerStart), batchId,
                end - triggerStart, durations, eventTime, reportable(operators), sourceProgress, sink, observedMetrics);
        lastTriggerStart = triggerStart;
        synchronized (this) {
            recent.addLast(progress);
            if (recent.size() > RETAINED) {
                recent.removeFirst();
            }
        }
        return progress;
    }

    /** The operators' progress with instance metrics cut as Spark's {@code StateStoreWriter.getProgress} does. */
    private static List<StateOperatorProgress> reportable(List<StateOperatorProgress> operators) {
        List<StateOperatorProgress> out = new ArrayList<>(operators.size());
        for (StateOperatorProgress op : operators) {
            out.add(new StateOperatorProgress(op.operatorName(), op.numRowsTotal(), op.numRowsUpdated(),
                    op.allUpdatesTimeMs(), op.numRowsRemoved(), op.allRemovalsTimeMs(), op.commitTimeMs(),
                    op.memoryUsedBytes(), op.numRowsDroppedByWatermark(), op.numShufflePartitions(),
                    op.numStateStoreInstances(), StateStoreInstanceMetrics.reportable(op.customMetrics())));
        }
        return out;
    }

    synchronized StreamingQueryProgress[] recent() {
        return recent.toArray(new StreamingQueryProgress[0]);
    }

    synchronized StreamingQueryProgress last() {
        return recent.peekLast();
    }
}
