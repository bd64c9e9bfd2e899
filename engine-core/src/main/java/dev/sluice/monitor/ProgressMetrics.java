package dev.sluice.monitor;

import dev.sluice.sql.streaming.SourceProgress;
import dev.sluice.sql.streaming.StateOperatorProgress;
import dev.sluice.sql.streaming.StreamingQueryProgress;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one {@link StreamingQueryProgress} as named metrics: the single definition behind the JMX
 * MBeans, the Micrometer binder and the web UI's Prometheus page, so the three always agree (docs/OPERATIONS.md
 * lists them). Names are dotted (Micrometer's convention; Prometheus turns dots into underscores); per-phase,
 * per-source and per-operator figures carry a tag ({@code phase}, {@code source} = index in
 * {@code progress.sources}, {@code operator} = index in {@code progress.stateOperators}). Stateless; thread-safe.
 */
public final class ProgressMetrics {
    /** The prefix every consumer puts before {@link Metric#name()}. */
    public static final String PREFIX = "sluice.streaming.";

    private ProgressMetrics() {
    }

    /**
     * One figure.
     *
     * @param name dotted name without {@link #PREFIX}
     * @param help what it measures, with its unit
     * @param tags at most one tag ({@code phase}, {@code source} or {@code operator}); empty for query-wide figures
     * @param value the value
     */
    public record Metric(String name, String help, Map<String, String> tags, double value) {
        /** The name plus the tag values, dot-separated: a JMX attribute name, e.g. {@code phase.duration.addBatch}. */
        public String flatName() {
            return tags.isEmpty() ? name : name + "." + String.join(".", tags.values());
        }
    }

    /** Every figure of {@code p}; the watermark ones only when the query has a watermark. */
    public static List<Metric> of(StreamingQueryProgress p) {
        List<Metric> out = new ArrayList<>();
        add(out, "batch.id", "id of the latest batch", p.batchId());
        add(out, "input.rows", "rows read by the latest batch", p.numInputRows());
        add(out, "input.rate", "rows per second arriving, over the latest trigger interval", p.inputRowsPerSecond());
        add(out, "processing.rate", "rows per second processed by the latest batch", p.processedRowsPerSecond());
        add(out, "batch.duration", "duration of the latest batch in ms", p.batchDuration());
        p.durationMs().forEach((phase, ms) -> out.add(new Metric("phase.duration",
                "duration of one phase of the latest batch in ms", Map.of("phase", phase), ms)));
        add(out, "commit.latency", "ms spent committing the latest batch (state, commit log, sources)",
                p.durationMs().getOrDefault("commitOffsets", 0L));
        Long timestamp = epochMs(p.timestamp());
        Long watermark = epochMs(p.eventTime().get("watermark"));
        if (watermark != null) {
            add(out, "watermark", "event-time watermark, ms since the epoch", watermark);
            if (timestamp != null && watermark != 0) { // 0: no event seen yet, a lag from 1970 means nothing
                add(out, "watermark.lag", "ms from the watermark to the latest batch's start", timestamp - watermark);
            }
        }
        SourceProgress[] sources = p.sources();
        for (int i = 0; i < sources.length; i++) {
            Map<String, String> tag = Map.of("source", Integer.toString(i));
            SourceProgress s = sources[i];
            out.add(new Metric("source.input.rows", "rows read from this source by the latest batch", tag,
                    s.numInputRows()));
            out.add(new Metric("source.input.rate", "rows per second arriving at this source", tag,
                    s.inputRowsPerSecond()));
            out.add(new Metric("source.processing.rate", "rows per second processed from this source", tag,
                    s.processedRowsPerSecond()));
            String files = s.metrics().get("numFilesOutstanding");
            if (files != null) {
                out.add(new Metric("source.files.outstanding", "files of a Trigger.AvailableNow run not yet processed",
                        tag, Double.parseDouble(files)));
            }
            Long behind = OffsetLag.behind(s.endOffset(), s.latestOffset());
            if (behind != null) {
                out.add(new Metric("source.offsets.behind", "offsets available but not yet read (records for Kafka)",
                        tag, behind));
            }
        }
        StateOperatorProgress[] operators = p.stateOperators();
        for (int i = 0; i < operators.length; i++) {
            Map<String, String> tag = Map.of("operator", Integer.toString(i));
            StateOperatorProgress o = operators[i];
            out.add(new Metric("state.rows", "rows in this operator's state", tag, o.numRowsTotal()));
            out.add(new Metric("state.rows.updated", "state rows updated by the latest batch", tag,
                    o.numRowsUpdated()));
            out.add(new Metric("state.rows.removed", "state rows evicted or removed by the latest batch", tag,
                    o.numRowsRemoved()));
            out.add(new Metric("state.rows.dropped.late", "input rows dropped as later than the watermark", tag,
                    o.numRowsDroppedByWatermark()));
            out.add(new Metric("state.memory.bytes", "memory used by this operator's state in bytes", tag,
                    o.memoryUsedBytes()));
        }
        add(out, "sink.rows", "rows written to the sink by the latest batch",
                p.sink() == null ? 0 : p.sink().numOutputRows());
        return out;
    }

    /** The metrics by {@link Metric#flatName()}, in {@link #of} order. */
    public static Map<String, Metric> byFlatName(StreamingQueryProgress p) {
        Map<String, Metric> out = new LinkedHashMap<>();
        for (Metric m : of(p)) {
            out.put(m.flatName(), m);
        }
        return out;
    }

    private static void add(List<Metric> out, String name, String help, double value) {
        out.add(new Metric(name, help, Map.of(), value));
    }

    private static Long epochMs(String isoTimestamp) {
        if (isoTimestamp == null) {
            return null;
        }
        try {
            return Instant.parse(isoTimestamp).toEpochMilli();
        } catch (DateTimeParseException e) {
            return null; // not a timestamp: no figure rather than a wrong one
        }
    }
}
