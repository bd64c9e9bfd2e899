package dev.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.batch.Chunk;
import dev.sluice.sql.SluiceException;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink's micro-batch writes run on the engine's worker threads ({@code BatchWriter.writesOnWorkers}): with many
 * chunks on {@code local[2]} the records still reach each Kafka partition in the input's order, exactly once, the
 * producer's {@code send} runs on the workers (seen by a producer interceptor, which Kafka calls on the sending
 * thread), and a send that fails on a worker fails the batch with the sink's error class.
 */
class KafkaSinkWorkerSendTest extends KafkaTestSupport {
    /** The threads that called {@code producer.send}: Kafka runs {@code onSend} on the caller's thread. */
    static final Set<String> SENDING_THREADS = ConcurrentHashMap.newKeySet();

    /** Records the sending thread of every record (a real Kafka producer interceptor, no mock). */
    public static final class ThreadRecorder implements ProducerInterceptor<byte[], byte[]> {
        @Override
        public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
            SENDING_THREADS.add(Thread.currentThread().getName());
            return record;
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        }

        @Override
        public void close() {
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }

    @TempDir
    Path dir;

    @Test
    void recordsSentFromTheWorkersKeepTheInputOrderExactlyOnce() throws Exception {
        String in = topic("ws-in", 1);
        String out = topic("ws-out", 1);
        List<String> expected = new ArrayList<>();
        String[] values = new String[5 * Chunk.DEFAULT_ROWS + 123];
        for (int i = 0; i < values.length; i++) {
            values[i] = String.format("v%05d", i);
            expected.add("V" + values[i].substring(1));
        }
        send(in, 0, values);
        SENDING_THREADS.clear();
        // 6 chunks of the source, so 6 morsels over the two workers
        StreamingQuery q = spark.readStream().format("kafka").option("kafka.bootstrap.servers", servers())
                .option("subscribe", in).option("startingOffsets", "earliest").load().selectExpr("upper(CAST(value AS STRING)) AS value")
                .writeStream().format("kafka").option("kafka.bootstrap.servers", servers()).option("topic", out)
                .option("deliveryGuarantee", "exactly_once")
                .option("kafka.interceptor.classes", ThreadRecorder.class.getName())
                .option("checkpointLocation", dir.resolve("cp").toString()).start();
        q.processAllAvailable();
        assertThat(values(out, true)).containsExactlyElementsOf(expected);
        assertThat(SENDING_THREADS).isNotEmpty().allMatch(t -> t.startsWith("sluice-worker-"), "a worker thread");
    }

    @Test
    void aSendThatFailsOnAWorkerFailsTheBatchWithTheSinksErrorClass() throws Exception {
        String in = topic("ws-fail-in", 1);
        String out = topic("ws-fail-out", 1);
        String[] values = new String[3 * Chunk.DEFAULT_ROWS];
        for (int i = 0; i < values.length; i++) {
            // one record larger than max.request.size, in the second chunk
            values[i] = i == Chunk.DEFAULT_ROWS + 321 ? "x".repeat(4000) : "v" + i;
        }
        send(in, 0, values);
        StreamingQuery q = spark.readStream().format("kafka").option("kafka.bootstrap.servers", servers())
                .option("subscribe", in).option("startingOffsets", "earliest").load().selectExpr("CAST(value AS STRING) AS value")
                .writeStream().format("kafka").option("kafka.bootstrap.servers", servers()).option("topic", out)
                .option("deliveryGuarantee", "exactly_once").option("kafka.max.request.size", "2048")
                .option("checkpointLocation", dir.resolve("cp-fail").toString()).start();
        assertThatThrownBy(q::processAllAvailable).isInstanceOf(StreamingQueryException.class)
                .cause().isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.getCondition()).isEqualTo("KAFKA_SINK_WRITE_FAILED");
                    assertThat(e.getMessage()).contains("transaction was aborted");
                    assertThat(e).hasRootCauseInstanceOf(RecordTooLargeException.class);
                });
        assertThat(values(out, true)).isEmpty();
    }
}
