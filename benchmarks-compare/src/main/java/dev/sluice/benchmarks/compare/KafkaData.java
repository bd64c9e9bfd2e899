package dev.sluice.benchmarks.compare;

import dev.sluice.benchmarks.KafkaPipelineBenchmark;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * W4's Kafka side: fills the input topic with the tutorial's invoices ({@link KafkaPipelineBenchmark#invoice}) and
 * summarizes an engine's output topic (record count and an order-independent hash of key and value), which must
 * be equal for every engine. Stateless helpers; each call opens and closes its own client.
 */
final class KafkaData {
    static final String INVOICES = "invoices";
    /** Partitions of every topic: one per core of {@code local[2]} and per Kafka Streams thread. */
    static final int PARTITIONS = 2;

    private KafkaData() {
    }

    static void fillInvoices(String bootstrapServers, int invoices) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", bootstrapServers, "linger.ms", 20, "batch.size", 262_144,
                "key.serializer", StringSerializer.class.getName(),
                "value.serializer", StringSerializer.class.getName()))) {
            for (int i = 0; i < invoices; i++) {
                producer.send(new ProducerRecord<>(INVOICES, KafkaPipelineBenchmark.invoice(i)));
            }
        }
    }

    /**
     * Reads {@code topic} from the start to its current end, as a {@code read_committed} consumer (the exactly-once
     * writers' aborted attempts never count): {@code records=N hash=H}.
     */
    static String digest(String bootstrapServers, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", bootstrapServers, "enable.auto.commit", false, "max.poll.records", 10_000,
                "isolation.level", "read_committed", "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", StringDeserializer.class.getName()))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long records = 0;
            long hash = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    hash += ((long) String.valueOf(r.key()).hashCode() << 32) ^ r.value().hashCode() * 0x9E3779B1L;
                }
            }
            return "records=" + records + " hash=" + Long.toHexString(hash);
        }
    }
}
