package dev.sluice.sql.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.stream.ManualClock;
import dev.sluice.stream.connector.MemoryStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress reports (Spark's JSON field names and values) and listener event order. */
class ProgressAndListenerTest extends StreamingTestSupport {
    private static final long T0 = 1_700_000_000_000L;

    @Test
    void progressJsonHasSparksFieldsAndValues() throws Exception {
        ManualClock clock = new ManualClock(T0);
        spark.streams().setClock(clock);
        MemoryStream input = lines();
        input.addValues("a", "b", "a");
        StreamingQuery q = input.toDF().groupBy("value").count().writeStream().format("memory").queryName("progress")
                .outputMode("update").trigger(Trigger.ProcessingTime(1000)).start();
        clock.awaitWaiter(T0 + 1000, 5000);
        input.addValues("c", "c");
        clock.advance(1000);
        clock.awaitWaiter(T0 + 2000, 5000);

        assertThat(q.recentProgress()).hasSize(2);
        JsonNode json = new ObjectMapper().readTree(q.lastProgress().json());
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "runId", "name", "timestamp", "batchId", "batchDuration",
                "numInputRows", "inputRowsPerSecond", "processedRowsPerSecond", "durationMs", "stateOperators",
                "sources", "sink");
        assertThat(json.get("id").asText()).isEqualTo(q.id().toString());
        assertThat(json.get("name").asText()).isEqualTo("progress");
        assertThat(json.get("timestamp").asText()).isEqualTo("2023-11-14T22:13:21.000Z");
        assertThat(json.get("batchId").asLong()).isEqualTo(1);
        assertThat(json.get("numInputRows").asLong()).isEqualTo(2);
        // rows over the 1 s since the previous trigger; processing took 0 ms on the manual clock, counted as 1 ms
        assertThat(json.get("inputRowsPerSecond").asDouble()).isEqualTo(2.0);
        assertThat(json.get("processedRowsPerSecond").asDouble()).isEqualTo(2000.0);
        List<String> phases = new ArrayList<>();
        json.get("durationMs").fieldNames().forEachRemaining(phases::add);
        assertThat(phases).containsExactly("addBatch", "commitOffsets", "getBatch", "latestOffset", "queryPlanning",
                "triggerExecution", "walCommit");
        JsonNode source = json.get("sources").get(0);
        assertThat(source.get("description").asText()).isEqualTo("MemoryStream[value]");
        assertThat(source.get("startOffset").asLong()).isEqualTo(0);
        assertThat(source.get("endOffset").asLong()).isEqualTo(1);
        // Spark 4.1's MemoryStream supports admission control without reporting a latest offset: null.
        assertThat(source.get("latestOffset").isNull()).isTrue();
        assertThat(source.get("numInputRows").asLong()).isEqualTo(2);
        JsonNode state = json.get("stateOperators").get(0);
        assertThat(state.get("operatorName").asText()).isEqualTo("stateStoreSave");
        assertThat(state.get("numRowsTotal").asLong()).isEqualTo(3);
        assertThat(state.get("numRowsUpdated").asLong()).isEqualTo(1);
        assertThat(json.get("sink").get("description").asText()).isEqualTo("MemorySink");
        assertThat(json.get("sink").get("numOutputRows").asLong()).isEqualTo(1);

        JsonNode first = new ObjectMapper().readTree(q.recentProgress()[0].json());
        assertThat(first.get("sources").get(0).get("startOffset").isNull()).isTrue();
        assertThat(first.get("inputRowsPerSecond").asDouble()).isEqualTo(0.0);
        assertThat(q.lastProgress().prettyJson()).contains("\"batchId\" : 1");
    }

    @Test
    void listenerEventsArriveInOrder() throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        StreamingQueryListener listener = new StreamingQueryListener() {
            @Override
            public void onQueryStarted(QueryStartedEvent event) {
                events.add("started " + event.name());
            }

            @Override
            public void onQueryProgress(QueryProgressEvent event) {
                events.add("progress " + event.progress().batchId());
            }

            @Override
            public void onQueryIdle(QueryIdleEvent event) {
                if (!events.get(events.size() - 1).equals("idle")) {
                    events.add("idle");
                }
            }

            @Override
            public void onQueryTerminated(QueryTerminatedEvent event) {
                events.add("terminated " + event.exception().isPresent());
            }
        };
        spark.streams().addListener(listener);
        try {
            MemoryStream input = lines();
            StreamingQuery q = input.toDF().writeStream().format("noop").queryName("listened").start();
            assertThat(events.get(0)).isEqualTo("started listened"); // delivered synchronously by start()
            input.addValues("a");
            q.processAllAvailable();
            input.addValues("b");
            q.processAllAvailable();
            q.stop();
            assertThat(spark.streams().awaitListenerEvents(5000)).isTrue();
            assertThat(events).containsSubsequence("started listened", "progress 0", "progress 1", "terminated false");
            assertThat(events.get(events.size() - 1)).isEqualTo("terminated false");
            assertThat(events.stream().filter(e -> e.startsWith("progress")).toList())
                    .containsExactly("progress 0", "progress 1");
        } finally {
            spark.streams().removeListener(listener);
        }
    }

    @Test
    void aFailedQueryReportsItsErrorToListeners() throws Exception {
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        StreamingQueryListener listener = new StreamingQueryListener() {
            @Override
            public void onQueryStarted(QueryStartedEvent event) {
            }

            @Override
            public void onQueryProgress(QueryProgressEvent event) {
            }

            @Override
            public void onQueryTerminated(QueryTerminatedEvent event) {
                errors.add(event.exception().orElse("none"));
            }
        };
        spark.streams().addListener(listener);
        try {
            MemoryStream input = lines();
            input.addValues("a");
            StreamingQuery q = input.toDF().writeStream().foreachBatch((Dataset<Row> ds, Long id) -> {
                throw new IllegalStateException("boom in batch " + id);
            }).start();
            assertThat(q.awaitTermination(5000)).isFalse(); // unreachable: awaitTermination rethrows
        } catch (StreamingQueryException e) {
            assertThat(e.getMessage()).contains("terminated with exception: boom in batch 0");
            assertThat(spark.streams().awaitListenerEvents(5000)).isTrue();
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0)).contains("boom in batch 0");
        } finally {
            spark.streams().removeListener(listener);
        }
    }
}
