package dev.sluice.sql.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.stream.connector.MemoryStream;
import org.junit.jupiter.api.Test;

/**
 * A stateful operator reached twice in one plan (a self-union of a deduplicated stream) runs once per batch,
 * even when the union's two branches run as morsels on different threads: its state sees each row once and
 * both branches emit its output.
 */
class SelfUnionTest extends StreamingTestSupport {
    @Test
    void aSharedStatefulOperatorRunsOncePerBatch() throws Exception {
        MemoryStream input = lines();
        Dataset<Row> distinct = input.toDF().dropDuplicates();
        StreamingQuery q = distinct.union(distinct).writeStream().format("memory").queryName("self_union").start();
        input.addValues("a", "a", "b");
        q.processAllAvailable();
        input.addValues("b", "c");
        q.processAllAvailable();
        assertThat(sorted(spark.table("self_union").collectAsList()))
                .containsExactly("[a]", "[a]", "[b]", "[b]", "[c]", "[c]");
        StreamingQueryProgress[] progress = q.recentProgress();
        // one operator, updated once per new key: a, b in batch 0; c in batch 1
        assertThat(progress[0].stateOperators()).hasSize(1);
        assertThat(progress[0].stateOperators()[0].numRowsUpdated()).isEqualTo(2);
        assertThat(progress[progress.length - 1].stateOperators()[0].numRowsTotal()).isEqualTo(3);
    }
}
