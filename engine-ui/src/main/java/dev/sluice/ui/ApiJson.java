package dev.sluice.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.monitor.ProgressMetrics;
import dev.sluice.monitor.QueryFailure;
import dev.sluice.monitor.QueryInternals;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryException;
import dev.sluice.sql.streaming.StreamingQueryProgress;
import java.util.Arrays;
import java.util.List;

/**
 * The documents of the JSON API (docs/OPERATIONS.md): the query list, one query's details, its latest progress
 * reports (Spark's progress JSON) and their figures as chart series. Everything shown comes from the public
 * progress and error texts, which the connectors already redact. Stateless; thread-safe.
 */
final class ApiJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiJson() {
    }

    /** {@code /api/queries}. */
    static ArrayNode queries(List<QueryRegistry.Run> runs) {
        ArrayNode out = JSON.createArrayNode();
        runs.forEach(r -> out.add(summary(r)));
        return out;
    }

    /** {@code /api/queries/{id}}: the summary plus plan, checkpoint and the error's stack trace. */
    static ObjectNode detail(QueryRegistry.Run run) {
        ObjectNode out = summary(run);
        StreamingQuery q = run.query();
        out.put("checkpointLocation", QueryInternals.checkpointLocation(q).orElse(null));
        out.put("plan", QueryInternals.explain(q, true).orElse(null));
        out.put("statusMessage", q.status().message());
        return out;
    }

    /** {@code /api/queries/{id}/progress?last=N}: Spark's progress documents, oldest first. */
    static ArrayNode progress(QueryRegistry.Run run, int last) {
        ArrayNode out = JSON.createArrayNode();
        for (StreamingQueryProgress p : latest(run, last)) {
            try {
                out.add(JSON.readTree(p.json()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("progress of batch " + p.batchId() + " is not valid JSON", e);
            }
        }
        return out;
    }

    /** {@code /api/queries/{id}/metrics?last=N}: per batch, the figures of {@link ProgressMetrics}. */
    static ArrayNode metrics(QueryRegistry.Run run, int last) {
        ArrayNode out = JSON.createArrayNode();
        for (StreamingQueryProgress p : latest(run, last)) {
            ObjectNode batch = out.addObject();
            batch.put("batchId", p.batchId());
            batch.put("timestamp", p.timestamp());
            ObjectNode figures = batch.putObject("metrics");
            for (ProgressMetrics.Metric m : ProgressMetrics.of(p)) {
                figures.put(m.flatName(), m.value());
            }
        }
        return out;
    }

    static String write(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an API document", e);
        }
    }

    static ObjectNode error(String message) {
        ObjectNode out = JSON.createObjectNode();
        out.put("error", message);
        return out;
    }

    private static List<StreamingQueryProgress> latest(QueryRegistry.Run run, int last) {
        StreamingQueryProgress[] all = run.query().recentProgress();
        return Arrays.asList(all).subList(Math.max(0, all.length - last), all.length);
    }

    private static ObjectNode summary(QueryRegistry.Run run) {
        StreamingQuery q = run.query();
        ObjectNode out = JSON.createObjectNode();
        out.put("id", q.id().toString());
        out.put("runId", q.runId().toString());
        out.put("name", q.name());
        out.put("status", run.status());
        out.put("startedAt", run.startedAt());
        out.put("endedAt", run.endedAt());
        StreamingQueryProgress last = q.lastProgress();
        out.put("batches", last == null ? 0 : last.batchId() + 1);
        out.put("inputRowsPerSecond", last == null ? 0 : last.inputRowsPerSecond());
        out.put("processedRowsPerSecond", last == null ? 0 : last.processedRowsPerSecond());
        out.put("metricsEnabled", run.metricsEnabled());
        StreamingQueryException failure = q.exception().orNull();
        if (failure == null) {
            out.putNull("lastError");
            out.putNull("errorClass");
        } else {
            QueryFailure why = QueryFailure.of(failure);
            out.put("lastError", why.message());
            out.put("errorClass", why.errorClass());
        }
        return out;
    }
}
