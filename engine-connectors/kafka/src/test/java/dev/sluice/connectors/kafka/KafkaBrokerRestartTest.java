package dev.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.testkit.EmbeddedKafka;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker restart while a Kafka → Kafka query runs: the query rides it out and nothing is lost. */
class KafkaBrokerRestartTest {
    private static EmbeddedKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startDedicatedBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void theQueryRecoversAndEveryRecordArrives() throws Exception {
        kafka.createTopic("restart-in", 2);
        kafka.createTopic("restart-out", 2);
        SluiceSession spark = Sluice.builder().master("local[2]").getOrCreate();
        StreamingQuery query = spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", kafka.bootstrapServers()).option("subscribe", "restart-in")
                .option("startingOffsets", "earliest").load()
                .selectExpr("key", "value")
                .writeStream().format("kafka").option("kafka.bootstrap.servers", kafka.bootstrapServers())
                .option("topic", "restart-out").option("checkpointLocation", dir.resolve("cp").toString()).start();
        try (KafkaProducer<String, String> producer = KafkaTestSupport.producer(kafka.bootstrapServers())) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>("restart-in", "k" + i, "v" + i));
            }
            producer.flush();
            query.processAllAvailable();

            kafka.restart();

            for (int i = 100; i < 200; i++) {
                producer.send(new ProducerRecord<>("restart-in", "k" + i, "v" + i));
            }
            producer.flush();
        }
        KafkaTestSupport.eventually("all 200 records are copied", () -> {
            query.processAllAvailable();
            return KafkaReading.values(kafka.bootstrapServers(), "restart-out").size() >= 200;
        });
        assertThat(query.isActive()).isTrue();
        List<String> out = KafkaReading.values(kafka.bootstrapServers(), "restart-out");
        assertThat(out).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 200).mapToObj(i -> "v" + i).toList());
        query.stop();
    }
}
