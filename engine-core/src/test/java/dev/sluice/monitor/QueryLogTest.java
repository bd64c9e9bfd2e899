package dev.sluice.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryException;
import dev.sluice.stream.connector.MemoryStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The query log through the real SLF4J binding of the tests (slf4j-simple writing target/engine-core-tests.log,
 * see src/test/resources/simplelogger.properties): lifecycle at INFO, failures at ERROR once with error class and
 * stack trace, one DEBUG line per batch, slow batches at WARN.
 */
class QueryLogTest extends MonitorTestSupport {
    private static final Path LOG = Path.of("target/engine-core-tests.log");
    private long start;

    @BeforeEach
    void markLogEnd() throws IOException {
        start = Files.exists(LOG) ? Files.size(LOG) : 0;
    }

    /** The log written since the test began. */
    private String logSinceStart() {
        try {
            byte[] all = Files.readAllBytes(LOG);
            return new String(all, (int) start, all.length - (int) start, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> linesWith(String text) {
        return Arrays.stream(logSinceStart().split("\n")).filter(l -> l.contains(text)).toList();
    }

    @Test
    void lifecycleAtInfoAndOneDebugLinePerBatch() throws Exception {
        MemoryStream input = lines();
        input.addValues("a", "b", "a");
        StreamingQuery q = input.toDF().groupBy("value").count().writeStream().format("memory").queryName("logged")
                .outputMode("complete").start();
        q.processAllAvailable();
        input.addValues("c");
        q.processAllAvailable();
        q.stop();

        String checkpoint = QueryInternals.checkpointLocation(q).orElseThrow();
        eventually(() -> assertThat(linesWith("Streaming query logged")).hasSize(1));
        assertThat(linesWith("Started streaming query logged")).singleElement().asString()
                .contains(" INFO dev.sluice.streaming - ")
                .contains("[id = " + q.id() + ", runId = " + q.runId() + ", name = logged] with checkpoint " + checkpoint);
        assertThat(linesWith("Query logged batch ")).hasSize(2);
        assertThat(linesWith("Query logged batch 0: 3 input rows, 2 output rows")).singleElement().asString()
                .contains(" DEBUG dev.sluice.streaming.batch - ")
                .contains("addBatch=").contains("walCommit=").contains("commitOffsets=").endsWith("watermark none");
        assertThat(linesWith("Query logged batch 1: 1 input rows, 3 output rows")).hasSize(1);
        assertThat(linesWith("Streaming query logged")).singleElement().asString()
                .contains(" INFO dev.sluice.streaming - ")
                .endsWith("[id = " + q.id() + ", runId = " + q.runId() + "] terminated without error after 2 batches");
        assertThat(linesWith(" ERROR ")).isEmpty();
    }

    @Test
    void failureLoggedOnceAtErrorWithErrorClassAndStackTrace() throws Exception {
        MemoryStream input = lines();
        input.addValues("12", "x");
        StreamingQuery q = input.toDF().selectExpr("CAST(value AS INT) AS n").writeStream().format("memory")
                .queryName("failing").start();
        assertThatThrownBy(q::awaitTermination).isInstanceOf(StreamingQueryException.class);

        // the stack trace is written just after the line: wait for its last frame too
        eventually(() -> {
            String log = logSinceStart();
            int cause = log.indexOf("Caused by: dev.sluice.sql.SluiceException");
            assertThat(cause).isNotNegative();
            assertThat(log.substring(cause)).containsPattern("\t\\.\\.\\. \\d+ more");
        });
        assertThat(linesWith(" ERROR ")).singleElement().asString()
                .contains(" ERROR dev.sluice.streaming - Streaming query failing [id = " + q.id())
                .contains("terminated with error [CAST_INVALID_INPUT]: The value 'x' of the type \"STRING\"");
        String log = logSinceStart();
        String afterError = log.substring(log.indexOf(" ERROR "));
        // the stack trace follows: the exception and the frames of the failing code
        assertThat(afterError).contains(StreamingQueryException.class.getName()).contains("\tat dev.sluice.");
        assertThat(linesWith("terminated without error")).isEmpty();
    }

    @Test
    void slowBatchWarnsNamingTheSlowestPhase() throws Exception {
        spark.conf().set(QueryLog.SLOW_BATCH_THRESHOLD, "20");
        MemoryStream input = lines();
        input.addValues("a");
        StreamingQuery q = input.toDF().writeStream().queryName("slow").foreachBatch((batch, id) -> {
            Thread.sleep(100); // the sink's write, inside the addBatch phase
        }).start();
        q.processAllAvailable();
        q.stop();

        eventually(() -> assertThat(linesWith("Streaming query slow")).hasSize(1));
        assertThat(linesWith("Query slow batch 0 took ")).singleElement().asString()
                .contains(" WARN dev.sluice.streaming.batch - ")
                .contains("over the 20 ms of spark.sql.streaming.log.slowBatchThresholdMs; slowest phase: addBatch (");
    }

    @Test
    void fastBatchesDoNotWarn() throws Exception {
        spark.conf().set(QueryLog.SLOW_BATCH_THRESHOLD, "60000");
        MemoryStream input = lines();
        input.addValues("a");
        StreamingQuery q = input.toDF().writeStream().format("memory").queryName("fast").start();
        q.processAllAvailable();
        q.stop();

        eventually(() -> assertThat(linesWith("Streaming query fast")).hasSize(1));
        assertThat(linesWith(" WARN ")).isEmpty();
    }

    @Test
    void slowestPhaseIgnoresTheWholeTrigger() {
        var durations = new java.util.LinkedHashMap<String, Long>();
        durations.put("addBatch", 5L);
        durations.put("triggerExecution", 9L);
        durations.put("walCommit", 3L);
        assertThat(QueryLog.slowestPhase(durations).getKey()).isEqualTo("addBatch");
    }
}
