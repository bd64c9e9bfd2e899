package dev.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.Trigger;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Trigger.RealTime} with the Kafka source and sink on a real broker: rows reach an at-least-once sink while
 * the epoch is still open; the exactly-once sink shows an epoch's rows to {@code read_committed} readers only when
 * the epoch commits; an update-mode aggregation gives the micro-batch result.
 */
class KafkaRealTimeTest extends KafkaTestSupport {
    @TempDir
    Path dir;

    @BeforeEach
    void allowShortIntervals() {
        spark.conf().set("spark.sql.streaming.realTimeMode.minBatchDuration", "0");
    }

    private StreamingQuery upperCase(String in, String out, String guarantee, Path checkpoint, Trigger trigger)
            throws Exception {
        return spark.readStream().format("kafka").option("kafka.bootstrap.servers", servers())
                .option("subscribe", in).option("startingOffsets", "earliest").load()
                .selectExpr("key", "upper(CAST(value AS STRING)) AS value").where("value NOT LIKE '%SKIP%'")
                .writeStream().format("kafka").option("kafka.bootstrap.servers", servers()).option("topic", out)
                .option("deliveryGuarantee", guarantee).option("checkpointLocation", checkpoint.toString())
                .trigger(trigger).start();
    }

    @Test
    void atLeastOnceRowsAreInKafkaBeforeTheEpochCommits() throws Exception {
        String in = topic("rt-alo-in", 2);
        String out = topic("rt-alo-out", 1);
        Path checkpoint = dir.resolve("cp");
        StreamingQuery q = upperCase(in, out, "at_least_once", checkpoint, Trigger.RealTime("1 hour"));
        send(in, null, "a", "skip-me", "b");
        eventually("the rows reach the output topic", () -> values(out, false).size() == 2);
        send(in, null, "c");
        eventually("the next row follows", () -> values(out, false).size() == 3);
        assertThat(values(out, false)).containsExactlyInAnyOrder("A", "B", "C");
        assertThat(checkpoint.resolve("offsets/0")).doesNotExist(); // the epoch is still open
        q.stop();
        assertThat(checkpoint.resolve("commits/0")).exists();
        assertThat(q.lastProgress().numInputRows()).isEqualTo(4);
    }

    @Test
    void exactlyOnceRowsBecomeVisibleWhenTheEpochCommits() throws Exception {
        String in = topic("rt-eo-in", 2);
        String out = topic("rt-eo-out", 2);
        Path checkpoint = dir.resolve("cp");
        StreamingQuery q = upperCase(in, out, "exactly_once", checkpoint, Trigger.RealTime("1 hour"));
        send(in, null, "a", "b");
        eventually("the rows are written inside the epoch's transaction", () -> values(out, false).size() == 2);
        assertThat(values(out, true)).isEmpty();
        q.stop(); // ends and commits the epoch
        // commitTransaction returns once the coordinator logged the commit; the markers that move the partitions'
        // last stable offset follow asynchronously, so a read_committed reader sees the rows moments later
        eventually("the epoch's transaction is visible to read_committed", () -> values(out, true).size() >= 2);
        assertThat(values(out, true)).containsExactlyInAnyOrder("A", "B");
        // restarted in real time, the next epoch goes on from the committed offsets
        q = upperCase(in, out, "exactly_once", checkpoint, Trigger.RealTime(200));
        send(in, null, "c");
        eventually("the short epoch commits", () -> values(out, true).size() == 3);
        q.stop();
        assertThat(values(out, true)).containsExactlyInAnyOrder("A", "B", "C");
    }

    @Test
    void anUpdateModeAggregationGivesTheMicroBatchResult() throws Exception {
        String in = topic("rt-agg-in", 2);
        String[] words = IntStream.range(0, 60).mapToObj(i -> "w" + (i % 7)).toArray(String[]::new);
        send(in, null, words);
        List<String> results = new java.util.ArrayList<>();
        for (Trigger trigger : new Trigger[] {Trigger.ProcessingTime(0), Trigger.RealTime(300)}) {
            String out = topic("rt-agg-out", 1);
            StreamingQuery q = spark.readStream().format("kafka").option("kafka.bootstrap.servers", servers())
                    .option("subscribe", in).option("startingOffsets", "earliest").load()
                    .selectExpr("CAST(value AS STRING) AS word").groupBy("word").count()
                    .selectExpr("word AS key", "CAST(count AS STRING) AS value")
                    .writeStream().format("kafka").option("kafka.bootstrap.servers", servers()).option("topic", out)
                    .outputMode("update").option("checkpointLocation", dir.resolve("cp-" + out).toString())
                    .trigger(trigger).start();
            eventually("all words counted", () -> readAll(out, false).stream()
                    .mapToLong(r -> Long.parseLong(text(r.value()))).max().orElse(0) >= 9
                    && lastCounts(out).values().stream().mapToLong(Long::longValue).sum() == 60);
            q.stop();
            results.add(new java.util.TreeMap<>(lastCounts(out)).toString());
        }
        assertThat(results.get(1)).isEqualTo(results.get(0));
    }

    /** The last count per key in {@code topic}. */
    private java.util.Map<String, Long> lastCounts(String topic) {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        readAll(topic, false).forEach(r -> out.put(text(r.key()), Long.parseLong(text(r.value()))));
        return out;
    }
}
