package dev.sluice.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Source lag from the offsets of a progress report. */
class OffsetLagTest {
    @Test
    void kafkaOffsetsAddUpOverPartitions() {
        assertThat(OffsetLag.behind("{\"t\":{\"0\":5,\"1\":7}}", "{\"t\":{\"0\":9,\"1\":8}}")).isEqualTo(5);
    }

    @Test
    void plainNumbersSubtract() {
        assertThat(OffsetLag.behind("3", "10")).isEqualTo(7);
    }

    @Test
    void unknownWhenShapesDifferOrAnOffsetIsMissing() {
        assertThat(OffsetLag.behind("{\"t\":{\"0\":5}}", "{\"t\":{\"0\":9,\"1\":8}}")).isNull();
        assertThat(OffsetLag.behind(null, "10")).isNull();
        assertThat(OffsetLag.behind("{\"logOffset\":\"x\"}", "{\"logOffset\":\"y\"}")).isNull();
        assertThat(OffsetLag.behind("not json", "10")).isNull();
    }
}
