package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The test kit starts real servers that real clients can use. */
@ExtendWith({KafkaBrokerExtension.class, MariaDbExtension.class})
class EmbeddedServersTest {
    @Test
    void kafkaCommitsTransactionsAndReadCommittedConsumersSeeOnlyThose(EmbeddedKafka kafka) {
        kafka.createTopic("t", 2);
        Map<String, Object> producerConfig = Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "transactional.id", "tx-1", "key.serializer", StringSerializer.class.getName(),
                "value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("t", 0, "k", "committed"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("t", 0, "k", "aborted"));
            producer.abortTransaction();
        }
        Map<String, Object> consumerConfig = Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "isolation.level", "read_committed", "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", StringDeserializer.class.getName(), "auto.offset.reset", "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
            consumer.assign(List.of(new TopicPartition("t", 0)));
            long deadline = System.currentTimeMillis() + 15_000;
            while (values.isEmpty() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        assertThat(values).containsExactly("committed");
        assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
    }

    @Test
    void mariaDbAnswersJdbcWithBigintUnsignedAsBigInteger(EmbeddedMariaDb db) throws Exception {
        db.createDatabase("sluice");
        try (Connection c = DriverManager.getConnection(db.jdbcUrl("sluice"), db.user(), "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id BIGINT UNSIGNED PRIMARY KEY, name VARCHAR(20))");
            s.execute("INSERT INTO t VALUES (18446744073709551615, 'max')");
            try (ResultSet rs = s.executeQuery("SELECT id, name FROM t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBigDecimal(1).toPlainString()).isEqualTo("18446744073709551615");
                assertThat(rs.getString(2)).isEqualTo("max");
            }
        }
    }
}
