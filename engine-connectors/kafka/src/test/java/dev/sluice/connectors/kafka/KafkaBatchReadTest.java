package dev.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Batch reads between starting and ending offsets, and batch writes ({@code read()/write().format("kafka")}). */
class KafkaBatchReadTest extends KafkaTestSupport {
    @Test
    void readsBetweenStartingAndEndingOffsetsAndReadsTheSameAgain() {
        String t = topic("batch", 2);
        send(t, 0, "a", "b", "c", "d");
        send(t, 1, "e", "f");
        Map<String, String> options = Map.of("kafka.bootstrap.servers", servers(), "subscribe", t,
                "startingOffsets", "{\"" + t + "\":{\"0\":1,\"1\":-2}}",
                "endingOffsets", "{\"" + t + "\":{\"0\":3,\"1\":-1}}");
        Dataset<Row> df = spark.read().format("kafka").options(options).load();
        List<Row> rows = df.selectExpr("CAST(value AS STRING) AS value", "partition", "offset").collectAsList();
        assertThat(column(rows, "value")).containsExactly("b", "c", "e", "f");
        send(t, 0, "later");
        assertThat(column(KafkaBatchReader.load(spark, options).collectAsList(), "value"))
                .containsExactly("b", "c", "e", "f");
    }

    @Test
    void defaultsAreEarliestToLatest() {
        String t = topic("batch-all", 1);
        send(t, 0, "x", "y");
        Dataset<Row> df = KafkaBatchReader.load(spark, Map.of("kafka.bootstrap.servers", servers(), "subscribe", t));
        assertThat(df.count()).isEqualTo(2);
        assertThat(df.schema().fieldNames()).containsExactly("key", "value", "topic", "partition", "offset", "timestamp",
                "timestampType");
    }

    @Test
    void batchWriteProducesOneRecordPerRowWithKeys() {
        String t = topic("batch-write", 1);
        Dataset<Row> rows = spark.range(3).selectExpr("CAST(id AS STRING) AS key", "concat('v', CAST(id AS STRING)) AS value");
        rows.write().format("kafka").option("kafka.bootstrap.servers", servers()).option("topic", t).save();
        List<Row> back = spark.read().format("kafka").option("kafka.bootstrap.servers", servers())
                .option("subscribe", t).load().selectExpr("CAST(key AS STRING) AS key", "CAST(value AS STRING) AS value")
                .collectAsList();
        assertThat(back.stream().map(Object::toString)).containsExactly("[0,v0]", "[1,v1]", "[2,v2]");
        assertThatThrownBy(() -> rows.write().format("kafka").mode("overwrite")
                .option("kafka.bootstrap.servers", servers()).option("topic", t).save())
                .hasMessageContaining("Save mode Overwrite not allowed for Kafka");
    }

    @Test
    void batchOnlyBoundsAreChecked() {
        Map<String, String> latestStart = Map.of("kafka.bootstrap.servers", servers(), "subscribe", "t",
                "startingOffsets", "latest");
        assertThatThrownBy(() -> new KafkaBatchReader(latestStart)).hasMessageContaining("can't be latest");
        Map<String, String> earliestEnd = Map.of("kafka.bootstrap.servers", servers(), "subscribe", "t",
                "endingOffsets", "earliest");
        assertThatThrownBy(() -> new KafkaBatchReader(earliestEnd)).hasMessageContaining("can't be earliest");
        Map<String, String> rateLimit = Map.of("kafka.bootstrap.servers", servers(), "subscribe", "t",
                "maxOffsetsPerTrigger", "3");
        assertThatThrownBy(() -> new KafkaBatchReader(rateLimit)).hasMessageContaining("only for streaming");
    }
}
