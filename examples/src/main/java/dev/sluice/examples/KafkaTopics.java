package dev.sluice.examples;

import dev.sluice.testkit.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The examples' side of Kafka, in place of the tutorial's {@code kafka-topics.sh}, console producer and console
 * consumer: topics are created fresh for each case, messages produced as strings, and a topic read back from
 * the beginning. Works against the user's broker or an embedded one (which {@link #close()} stops). Used by one
 * thread at a time.
 */
public final class KafkaTopics implements AutoCloseable {
    private final String bootstrapServers;
    private final EmbeddedKafka embedded;
    private KafkaProducer<String, String> producer;

    KafkaTopics(String bootstrapServers, EmbeddedKafka embedded) {
        this.embedded = embedded;
        this.bootstrapServers = embedded != null ? embedded.bootstrapServers() : bootstrapServers;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Creates a topic named {@code name} with one partition, or, when that name is taken (an earlier case of
     * this run, or the user's broker), the first free {@code name-2}, {@code name-3}, ...: a case reading from
     * {@code earliest} then sees only its own messages, and the user's topics are never deleted.
     *
     * @return the topic's name
     */
    public String freshTopic(String name) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            Set<String> existing = admin.listTopics().names().get();
            String topic = name;
            for (int n = 2; existing.contains(topic); n++) {
                topic = name + "-" + n;
            }
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            return topic;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the Kafka topic " + name, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the Kafka topic " + name + " on " + bootstrapServers + ": "
                    + e.getCause().getMessage(), e);
        }
    }

    /** Sends {@code values} (no key) to {@code topic} and waits until the broker has them. */
    public void produce(String topic, List<String> values) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers,
                    "key.serializer", StringSerializer.class.getName(),
                    "value.serializer", StringSerializer.class.getName()));
        }
        try {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value));
            }
            producer.flush();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot produce to the Kafka topic " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Every message of partition 0 of {@code topic}, from the beginning, as {@code key -> value}. */
    public List<String> readAll(String topic) {
        List<String> lines = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers,
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", StringDeserializer.class.getName()))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    lines.add(r.key() + " -> " + r.value());
                }
            }
        }
        return lines;
    }

    @Override
    public void close() {
        try {
            if (producer != null) {
                producer.close();
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
