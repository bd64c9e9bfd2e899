package dev.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.SinkContext;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.OutputMode;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** The sink's columns: value, key, topic, partition, headers; string or binary; schema errors up front. */
class KafkaSinkTest extends KafkaTestSupport {
    private Dataset<Row> input(String topic) {
        return spark.readStream().format("kafka").option("kafka.bootstrap.servers", servers())
                .option("subscribe", topic).option("startingOffsets", "earliest").load();
    }

    @Test
    void keyTopicPartitionAndHeadersColumnsRouteEachRecord() throws Exception {
        String in = topic("sink-in", 1);
        String outA = topic("sink-a", 3);
        String outB = topic("sink-b", 3);
        send(in, 0, "a", "b");
        StreamingQuery q = input(in).selectExpr(
                        "CAST(value AS STRING) AS key",
                        "value",
                        "CASE WHEN CAST(value AS STRING) = 'a' THEN '" + outA + "' ELSE '" + outB + "' END AS topic",
                        "2 AS partition",
                        "array(named_struct('key', 'source', 'value', CAST('kafka' AS BINARY))) AS headers")
                .writeStream().format("kafka").option("kafka.bootstrap.servers", servers()).start();
        q.processAllAvailable();
        List<ConsumerRecord<byte[], byte[]>> a = readAll(outA, false);
        List<ConsumerRecord<byte[], byte[]>> b = readAll(outB, false);
        assertThat(a).hasSize(1);
        assertThat(b).hasSize(1);
        assertThat(text(a.get(0).key())).isEqualTo("a");
        assertThat(text(b.get(0).value())).isEqualTo("b");
        assertThat(a.get(0).partition()).isEqualTo(2);
        Header h = a.get(0).headers().lastHeader("source");
        assertThat(new String(h.value(), StandardCharsets.UTF_8)).isEqualTo("kafka");
    }

    @Test
    void theTopicOptionWinsOverTheTopicColumnAndNullKeysStayNull() throws Exception {
        String in = topic("sink-opt-in", 1);
        String out = topic("sink-opt", 1);
        send(in, 0, "x");
        StreamingQuery q = input(in).selectExpr("CAST(value AS STRING) AS value", "'elsewhere' AS topic")
                .writeStream().format("kafka").option("kafka.bootstrap.servers", servers()).option("topic", out).start();
        q.processAllAvailable();
        List<ConsumerRecord<byte[], byte[]>> records = readAll(out, false);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isNull();
        assertThat(text(records.get(0).value())).isEqualTo("x");
    }

    @Test
    void schemaErrorsAreReportedWhenTheQueryStarts() {
        String in = topic("sink-bad", 1);
        assertThatThrownBy(() -> input(in).selectExpr("key").writeStream().format("kafka")
                .option("kafka.bootstrap.servers", servers()).option("topic", "t").start())
                .hasMessageContaining("Required attribute 'value' not found");
        assertThatThrownBy(() -> input(in).selectExpr("value").writeStream().format("kafka")
                .option("kafka.bootstrap.servers", servers()).start())
                .hasMessageContaining("topic option required when no 'topic' attribute is present");
        assertThatThrownBy(() -> input(in).selectExpr("value", "offset AS key").writeStream().format("kafka")
                .option("kafka.bootstrap.servers", servers()).option("topic", "t").start())
                .hasMessageContaining("'key' must be a string or binary");
        assertThatThrownBy(() -> input(in).selectExpr("value", "'x' AS partition").writeStream().format("kafka")
                .option("kafka.bootstrap.servers", servers()).option("topic", "t").start())
                .hasMessageContaining("'partition' must be an int");
        assertThatThrownBy(() -> input(in).selectExpr("value").writeStream().format("kafka")
                .option("kafka.bootstrap.servers", servers()).option("topic", "t")
                .option("kafka.value.serializer", "x").start())
                .hasMessageContaining("value.serializer");
        assertThatThrownBy(() -> input(in).selectExpr("value").writeStream().format("kafka")
                .option("kafka.bootstrap.servers", servers()).option("topic", "t")
                .option("deliveryGuarantee", "maybe_once").start())
                .hasMessageContaining("deliveryGuarantee");
    }

    @Test
    void microBatchesSendInLargeBatchesUnlessTheUserSetsTheProducer() {
        KafkaSinkOptions plain = new KafkaSinkOptions(new SinkContext(spark, SINK_SCHEMA, Map.of(
                "kafka.bootstrap.servers", servers(), "topic", "t"), OutputMode.Append(), null));
        assertThat(KafkaSink.microBatchDefaults(plain).kafkaParams).containsEntry("batch.size", "262144")
                .containsEntry("linger.ms", "100");
        KafkaSinkOptions own = new KafkaSinkOptions(new SinkContext(spark, SINK_SCHEMA, Map.of(
                "kafka.bootstrap.servers", servers(), "topic", "t", "kafka.linger.ms", "7",
                "kafka.batch.size", "1000"), OutputMode.Append(), null));
        assertThat(KafkaSink.microBatchDefaults(own).kafkaParams).containsEntry("batch.size", "1000")
                .containsEntry("linger.ms", "7");
    }

    private static final StructType SINK_SCHEMA = new StructType().add("value", DataTypes.StringType);
}
