package dev.sluice.sql.streaming;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What happened in one micro-batch of a streaming query, as Spark's {@code StreamingQueryProgress}, with
 * the same JSON field names ({@link #json()}, {@link #prettyJson()}): id, runId, name, timestamp (trigger
 * start, ISO-8601 UTC), batchId, batchDuration, numInputRows, inputRowsPerSecond, processedRowsPerSecond,
 * durationMs (addBatch, getBatch, latestOffset, queryPlanning, triggerExecution, walCommit, commitOffsets),
 * eventTime, stateOperators, sources, sink. As in Spark, NaN rates and empty maps are left out of the JSON.
 * Immutable; safe to share between threads.
 */
public final class StreamingQueryProgress extends ProgressDocument {
    private final UUID id;
    private final UUID runId;
    private final String name;
    private final String timestamp;
    private final long batchId;
    private final long batchDuration;
    private final Map<String, Long> durationMs;
    private final Map<String, String> eventTime;
    private final List<StateOperatorProgress> stateOperators;
    private final List<SourceProgress> sources;
    private final SinkProgress sink;
    private final Map<String, dev.sluice.sql.Row> observedMetrics;

    public StreamingQueryProgress(UUID id, UUID runId, String name, String timestamp, long batchId, long batchDuration,
                                  Map<String, Long> durationMs, Map<String, String> eventTime,
                                  List<StateOperatorProgress> stateOperators, List<SourceProgress> sources,
                                  SinkProgress sink) {
        this(id, runId, name, timestamp, batchId, batchDuration, durationMs, eventTime, stateOperators, sources, sink,
                Map.of());
    }

    /** With the metrics of the query's {@code observe} nodes for this batch, by name. */
    public StreamingQueryProgress(UUID id, UUID runId, String name, String timestamp, long batchId, long batchDuration,
                                  Map<String, Long> durationMs, Map<String, String> eventTime,
                                  List<StateOperatorProgress> stateOperators, List<SourceProgress> sources,
                                  SinkProgress sink, Map<String, dev.sluice.sql.Row> observedMetrics) {
        this.observedMetrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(observedMetrics));
        this.id = id;
        this.runId = runId;
        this.name = name;
        this.timestamp = timestamp;
        this.batchId = batchId;
        this.batchDuration = batchDuration;
        this.durationMs = Map.copyOf(durationMs);
        this.eventTime = Map.copyOf(eventTime);
        this.stateOperators = List.copyOf(stateOperators);
        this.sources = List.copyOf(sources);
        this.sink = sink;
    }

    /** The query id, stable across restarts from the same checkpoint. */
    public UUID id() {
        return id;
    }

    /** The id of this run of the query. */
    public UUID runId() {
        return runId;
    }

    /** The query name, or null. */
    public String name() {
        return name;
    }

    /** When the trigger started, ISO-8601 in UTC, e.g. {@code 2024-05-01T10:00:00.000Z}. */
    public String timestamp() {
        return timestamp;
    }

    public long batchId() {
        return batchId;
    }

    /** Wall time of the whole batch in milliseconds. */
    public long batchDuration() {
        return batchDuration;
    }

    /** Rows read by all sources in this batch. */
    public long numInputRows() {
        return sources.stream().mapToLong(SourceProgress::numInputRows).sum();
    }

    /** Input rows divided by the time since the previous trigger started (0 for the first batch). */
    public double inputRowsPerSecond() {
        return sources.stream().mapToDouble(SourceProgress::inputRowsPerSecond).sum();
    }

    /** Input rows divided by the time this trigger took. */
    public double processedRowsPerSecond() {
        return sources.stream().mapToDouble(SourceProgress::processedRowsPerSecond).sum();
    }

    public Map<String, Long> durationMs() {
        return durationMs;
    }

    /** Event-time statistics (max, min, avg, watermark); empty when the query has no event time. */
    public Map<String, String> eventTime() {
        return eventTime;
    }

    public StateOperatorProgress[] stateOperators() {
        return stateOperators.toArray(new StateOperatorProgress[0]);
    }

    public SourceProgress[] sources() {
        return sources.toArray(new SourceProgress[0]);
    }

    public SinkProgress sink() {
        return sink;
    }

    /** The metrics of the query's {@code Dataset.observe} nodes in this batch, by name (Spark's field). */
    public Map<String, dev.sluice.sql.Row> observedMetrics() {
        return observedMetrics;
    }

    /** The schema of result columns (internal: the engine builds observed metrics rows with it). */
    public static dev.sluice.sql.types.StructType schemaOf(List<dev.sluice.expr.AttributeReference> columns) {
        dev.sluice.sql.types.StructType schema = new dev.sluice.sql.types.StructType();
        for (dev.sluice.expr.AttributeReference a : columns) {
            schema = schema.add(a.name(), a.dataType(), a.nullable());
        }
        return schema;
    }

    @Override
    ObjectNode jsonValue() {
        ObjectNode node = ProgressJson.object();
        node.put("id", id.toString());
        node.put("runId", runId.toString());
        node.put("name", name);
        node.put("timestamp", timestamp);
        node.put("batchId", batchId);
        node.put("batchDuration", batchDuration);
        node.put("numInputRows", numInputRows());
        ProgressJson.putDouble(node, "inputRowsPerSecond", inputRowsPerSecond());
        ProgressJson.putDouble(node, "processedRowsPerSecond", processedRowsPerSecond());
        ProgressJson.putLongMap(node, "durationMs", new TreeMap<>(durationMs));
        ProgressJson.putStringMap(node, "eventTime", new TreeMap<>(eventTime));
        ArrayNode operators = node.putArray("stateOperators");
        stateOperators.forEach(o -> ProgressJson.add(operators, o.jsonValue()));
        ArrayNode sourceNodes = node.putArray("sources");
        sources.forEach(s -> ProgressJson.add(sourceNodes, s.jsonValue()));
        ProgressJson.set(node, "sink", sink.jsonValue());
        ProgressJson.putRowMap(node, "observedMetrics", observedMetrics);
        return node;
    }
}
