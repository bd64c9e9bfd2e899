package dev.sluice.connectors.kafka;

import dev.sluice.sql.Row;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingTestHooks;
import dev.sluice.stream.BatchHooks;
import dev.sluice.testkit.EmbeddedKafka;
import dev.sluice.testkit.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** A session, a real broker, fresh topic names, a producer and a reading consumer for the Kafka tests. */
@ExtendWith(KafkaBrokerExtension.class)
abstract class KafkaTestSupport {
    private static final AtomicInteger TOPICS = new AtomicInteger();

    EmbeddedKafka kafka;
    SluiceSession spark;

    @BeforeEach
    void setUp(EmbeddedKafka broker) {
        kafka = broker;
        spark = Sluice.builder().appName("kafka-tests").master("local[2]")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
        spark.streams().resetTerminated();
    }

    @AfterEach
    void stopQueries() throws Exception {
        for (StreamingQuery q : spark.streams().active()) {
            q.stop();
        }
        StreamingTestHooks.set(spark, BatchHooks.NONE);
        spark.streams().resetTerminated();
    }

    /** A new topic with a unique name. */
    String topic(String prefix, int partitions) {
        String name = prefix + "-" + TOPICS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
        kafka.createTopic(name, partitions);
        return name;
    }

    String servers() {
        return kafka.bootstrapServers();
    }

    static KafkaProducer<String, String> producer(String servers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(p);
    }

    /** Sends {@code values} (key = value) to {@code partition} of {@code topic} (null = partitioner) and waits. */
    void send(String topic, Integer partition, String... values) {
        try (KafkaProducer<String, String> producer = producer(servers())) {
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, partition, v, v));
            }
            producer.flush();
        }
    }

    /** Every record of {@code topic} now, read with manual assignment, in partition then offset order. */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic, boolean readCommitted) {
        return KafkaReading.readAll(servers(), topic, readCommitted);
    }

    List<String> values(String topic, boolean readCommitted) {
        return readAll(topic, readCommitted).stream().map(r -> text(r.value())).toList();
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** Column {@code name} of every row as strings (binary as UTF-8). */
    static List<String> column(List<Row> rows, String name) {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            Object v = r.get(r.fieldIndex(name));
            out.add(v instanceof byte[] b ? text(b) : v == null ? null : v.toString());
        }
        return out;
    }

    /** Polls {@code condition} for up to 20 s. */
    static void eventually(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 45_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
