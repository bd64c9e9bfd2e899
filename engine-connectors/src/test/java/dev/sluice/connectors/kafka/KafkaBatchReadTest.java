package dev.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Batch reads between starting and ending offsets ({@link KafkaBatchReader}). */
class KafkaBatchReadTest extends KafkaTestSupport {
    @Test
    void readsBetweenStartingAndEndingOffsetsAndReadsTheSameAgain() {
        String t = topic("batch", 2);
        send(t, 0, "a", "b", "c", "d");
        send(t, 1, "e", "f");
        Map<String, String> options = Map.of("kafka.bootstrap.servers", servers(), "subscribe", t,
                "startingOffsets", "{\"" + t + "\":{\"0\":1,\"1\":-2}}",
                "endingOffsets", "{\"" + t + "\":{\"0\":3,\"1\":-1}}");
        Dataset<Row> df = KafkaBatchReader.load(spark, options);
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
