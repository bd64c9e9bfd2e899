package dev.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Spark's offset JSON and the rate-limit proration, without a broker. */
class PartitionOffsetsTest {
    @Test
    void offsetsRoundTripInCanonicalOrder() {
        String json = "{\"b\":{\"10\":5,\"2\":-1},\"a\":{\"0\":23}}";
        KafkaSourceOffset offset = KafkaSourceOffset.fromJson(json);
        assertThat(offset.json()).isEqualTo("{\"a\":{\"0\":23},\"b\":{\"2\":-1,\"10\":5}}");
        assertThat(KafkaSourceOffset.fromJson(offset.json())).isEqualTo(offset);
        assertThat(PartitionOffsets.partitionsFromJson("{\"t\":[0,3]}", "assign"))
                .containsExactly(new TopicPartition("t", 0), new TopicPartition("t", 3));
        assertThatThrownBy(() -> PartitionOffsets.fromJson("{\"t\":[0]}", "option 'startingOffsets'"))
                .hasMessageContaining("option 'startingOffsets'");
    }

    @Test
    void rateLimitSharesTheLimitInProportionAndNeverStarvesAPartition() {
        TopicPartition a = new TopicPartition("t", 0);
        TopicPartition b = new TopicPartition("t", 1);
        Map<TopicPartition, Long> end = KafkaMicroBatchSource.rateLimit(10, Map.of(a, 0L, b, 0L), Map.of(a, 99L, b, 1L));
        assertThat(end).isEqualTo(Map.of(a, 9L, b, 1L));
        assertThat(KafkaMicroBatchSource.rateLimit(1000, Map.of(a, 5L), Map.of(a, 7L))).isEqualTo(Map.of(a, 7L));
    }
}
