package dev.sluice.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An unknown spark.sluice.* key is warned about once; declared keys and other namespaces never. */
class UnknownSluiceKeyTest {
    @Test
    void anUnknownSluiceKeyWarnsOnceAndIsStillStored() {
        assertThat(RuntimeConfig.warnIfUnknown("spark.sluice.execution.memoryBudjet")).isTrue();
        assertThat(RuntimeConfig.warnIfUnknown("spark.sluice.execution.memoryBudjet")).isFalse();
        RuntimeConfig conf = new RuntimeConfig(java.util.Map.of());
        conf.set("spark.sluice.test.unknownKey", "1");
        assertThat(conf.get("spark.sluice.test.unknownKey")).isEqualTo("1");
        assertThat(RuntimeConfig.warnIfUnknown("spark.sluice.test.unknownKey")).isFalse(); // set() warned already
    }

    @Test
    void declaredKeysAndOtherNamespacesDoNotWarn() {
        assertThat(RuntimeConfig.warnIfUnknown("spark.sluice.execution.memoryBudget")).isFalse();
        assertThat(RuntimeConfig.warnIfUnknown("spark.sluice.state.keyGroups")).isFalse();
        assertThat(RuntimeConfig.warnIfUnknown("spark.myapp.anything")).isFalse();
        assertThat(RuntimeConfig.warnIfUnknown("spark.sql.whatever")).isFalse();
    }
}
