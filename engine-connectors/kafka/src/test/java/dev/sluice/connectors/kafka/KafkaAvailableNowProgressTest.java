package dev.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.monitor.ConsoleProgress;
import dev.sluice.sql.streaming.SourceProgress;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryProgress;
import dev.sluice.sql.streaming.Trigger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offsets of a Kafka Trigger.AvailableNow run: in the progress metrics, and as a console progress bar. */
class KafkaAvailableNowProgressTest extends KafkaTestSupport {
    @TempDir
    Path dir;

    @Test
    void progressCountsTheOffsetsLeftAndTheBarFillsUp() throws Exception {
        String t = topic("now_bar", 2);
        send(t, 0, "a", "b", "c", "d", "e", "f");
        send(t, 1, "g", "h");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ConsoleProgress bar = new ConsoleProgress(spark.streams(), new PrintStream(console, true, StandardCharsets.UTF_8));
        spark.streams().addListener(bar);
        try {
            StreamingQuery q = spark.readStream().format("kafka").option("kafka.bootstrap.servers", servers())
                    .option("subscribe", t).option("startingOffsets", "earliest").option("maxOffsetsPerTrigger", "4")
                    .load().writeStream().format("memory").queryName("kafka_backfill")
                    .option("checkpointLocation", dir.resolve("cp").toString()).trigger(Trigger.AvailableNow()).start();
            q.awaitTermination();
            eventually("the bar's line ends", () -> console.toString(StandardCharsets.UTF_8).endsWith("\n"));

            // 8 offsets at the start; 4 per batch, split by partition backlog (3 of partition 0, 1 of partition 1)
            List<String> outstanding = Arrays.stream(q.recentProgress()).filter(p -> p.numInputRows() > 0)
                    .map(StreamingQueryProgress::sources).map(s -> s[0]).map(SourceProgress::metrics)
                    .map(m -> m.get("numOffsetsOutstanding") + " of " + m.get("numOffsetsAvailableNow")).toList();
            assertThat(outstanding).containsExactly("4 of 8", "0 of 8");
            String drawn = console.toString(StandardCharsets.UTF_8);
            assertThat(drawn).contains("\rkafka_backfill [===============>              ] 4/8 offsets  50%")
                    .contains("\rkafka_backfill [==============================] 8/8 offsets 100%").endsWith("\n");
            assertThat(drawn).doesNotContain("files");
        } finally {
            spark.streams().removeListener(bar);
        }
    }

    @Test
    void otherTriggersReportOnlySparksMetrics() throws Exception {
        String t = topic("no_bar", 1);
        send(t, 0, "a", "b");
        StreamingQuery q = spark.readStream().format("kafka").option("kafka.bootstrap.servers", servers())
                .option("subscribe", t).option("startingOffsets", "earliest").load().writeStream().format("memory")
                .queryName("kafka_plain").option("checkpointLocation", dir.resolve("cp2").toString()).start();
        q.processAllAvailable();
        assertThat(q.lastProgress().sources()[0].metrics()).containsOnlyKeys("minOffsetsBehindLatest",
                "maxOffsetsBehindLatest", "avgOffsetsBehindLatest");
    }
}
