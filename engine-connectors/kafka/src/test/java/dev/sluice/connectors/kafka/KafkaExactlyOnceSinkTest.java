package dev.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryException;
import dev.sluice.sql.streaming.StreamingTestHooks;
import dev.sluice.stream.BatchHooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill and restart of a query writing with {@code deliveryGuarantee=exactly_once}: the crash comes after
 * the Kafka transaction of a batch committed and before the engine wrote {@code commits/<id>}, so the
 * restarted query re-runs that batch; a {@code read_committed} reader must see every row once.
 */
class KafkaExactlyOnceSinkTest extends KafkaTestSupport {
    @TempDir
    Path dir;

    private StreamingQuery start(String in, String out, Path checkpoint, String guarantee) throws Exception {
        return spark.readStream().format("kafka").option("kafka.bootstrap.servers", servers())
                .option("subscribe", in).option("startingOffsets", "earliest").option("maxOffsetsPerTrigger", 5)
                .load().selectExpr("key", "upper(CAST(value AS STRING)) AS value")
                .writeStream().format("kafka").option("kafka.bootstrap.servers", servers()).option("topic", out)
                .option("deliveryGuarantee", guarantee)
                .option("checkpointLocation", checkpoint.toString()).start();
    }

    private static String[] rows(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "row-" + i).toArray(String[]::new);
    }

    private static List<String> expected(int to) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < to; i++) {
            out.add("ROW-" + i);
        }
        return out;
    }

    @Test
    void aBatchReplayedAfterItsTransactionCommittedIsNotWrittenTwice() throws Exception {
        String in = topic("eo-in", 1);
        String out = topic("eo-out", 2);
        Path checkpoint = dir.resolve("cp");
        send(in, 0, rows(0, 12));
        StreamingTestHooks.set(spark, new BatchHooks() {
            @Override
            public void beforeCommit(long batchId) {
                if (batchId == 1) {
                    throw new IllegalStateException("killed after the Kafka commit of batch 1");
                }
            }
        });
        StreamingQuery first = start(in, out, checkpoint, "exactly_once");
        assertThatThrownBy(first::processAllAvailable).isInstanceOf(StreamingQueryException.class)
                .hasMessageContaining("killed after the Kafka commit of batch 1");
        assertThat(checkpoint.resolve("commits/1")).doesNotExist();
        assertThat(checkpoint.resolve("offsets/1")).exists();
        assertThat(values(out, true)).containsExactlyInAnyOrderElementsOf(expected(10));

        StreamingTestHooks.set(spark, BatchHooks.NONE);
        send(in, 0, rows(12, 20));
        StreamingQuery second = start(in, out, checkpoint, "exactly_once");
        second.processAllAvailable();
        assertThat(values(out, true)).containsExactlyInAnyOrderElementsOf(expected(20));

        // a kill after the last commit, found as a missing commits file: batch 3 runs again on restart
        second.stop();
        long last = second.lastProgress().batchId();
        Files.delete(checkpoint.resolve("commits/" + last));
        StreamingQuery third = start(in, out, checkpoint, "exactly_once");
        third.processAllAvailable();
        assertThat(checkpoint.resolve("commits/" + last)).exists();
        assertThat(values(out, true)).containsExactlyInAnyOrderElementsOf(expected(20));
    }

    @Test
    void atLeastOnceWritesAReplayedBatchAgain() throws Exception {
        String in = topic("alo-in", 1);
        String out = topic("alo-out", 1);
        Path checkpoint = dir.resolve("cp-alo");
        send(in, 0, rows(0, 5));
        StreamingTestHooks.set(spark, new BatchHooks() {
            @Override
            public void beforeCommit(long batchId) {
                throw new IllegalStateException("killed before the commit log");
            }
        });
        StreamingQuery first = start(in, out, checkpoint, "at_least_once");
        assertThatThrownBy(first::processAllAvailable).isInstanceOf(StreamingQueryException.class);
        StreamingTestHooks.set(spark, BatchHooks.NONE);
        StreamingQuery second = start(in, out, checkpoint, "at_least_once");
        second.processAllAvailable();
        List<String> seen = values(out, true);
        assertThat(seen).hasSize(10);
        assertThat(seen.subList(5, 10)).isEqualTo(seen.subList(0, 5));
    }

    @Test
    void anExactlyOnceSinkNeedsAStableQueryIdentity() {
        String in = topic("eo-noid", 1);
        assertThatThrownBy(() -> spark.readStream().format("kafka").option("kafka.bootstrap.servers", servers())
                .option("subscribe", in).load().writeStream().format("kafka")
                .option("kafka.bootstrap.servers", servers()).option("topic", "x")
                .option("deliveryGuarantee", "exactly_once").start())
                .hasMessageContaining("needs a stable identity").hasMessageContaining("transactionalIdPrefix");
    }
}
