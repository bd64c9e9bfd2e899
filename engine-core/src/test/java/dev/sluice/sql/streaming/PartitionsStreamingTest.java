package dev.sluice.sql.streaming;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.monotonically_increasing_id;
import static dev.sluice.sql.functions.rand;
import static dev.sluice.sql.functions.spark_partition_id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.stream.connector.MemoryStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Partition-dependent functions and repartitioning on streams, where Spark allows them; sampling and
 * {@code monotonically_increasing_id()} refused at {@code start()} with Spark's texts.
 */
class PartitionsStreamingTest extends StreamingTestSupport {
    @Test
    void randRestartsPerMicroBatchPartitionAndRepartitionKeepsTheRows() throws Exception {
        MemoryStream input = MemoryStream.of(spark, LINES);
        Dataset<Row> out = input.toDF().repartition(2).repartition(3, col("value")).coalesce(1)
                .select(col("value"), rand(42).as("r"), spark_partition_id().as("p"));
        Map<Long, List<String>> seen = Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery q = out.writeStream().foreachBatch((Dataset<Row> batch, Long id) -> {
            List<String> rows = new ArrayList<>();
            batch.collectAsList().forEach(r -> rows.add(r.toString()));
            seen.put(id, rows);
        }).start();
        try {
            input.addValues("a");
            q.processAllAvailable();
            input.addValues("b");
            q.processAllAvailable();
        } finally {
            q.stop();
        }
        // each micro-batch's partition 0 draws from XORShiftRandom(42 + 0) again (Spark's first value of rand(42))
        assertThat(seen).isEqualTo(Map.of(0L, List.of("[a,0.619189370225301,0]"), 1L,
                List.of("[b,0.619189370225301,0]")));
    }

    @Test
    void sampleAndMonotonicIdsAreRefusedOnStreamsAsSparkDoes() {
        MemoryStream input = MemoryStream.of(spark, LINES);
        assertThatThrownBy(() -> input.toDF().sample(0.5, 1).writeStream().format("console").start())
                .isInstanceOfSatisfying(AnalysisException.class, e -> {
                    assertThat(e.getCondition()).isEqualTo("_LEGACY_ERROR_TEMP_3102");
                    assertThat(e.getMessage()).startsWith("Sampling is not supported on streaming DataFrames/Datasets;");
                });
        assertThatThrownBy(() -> input.toDF().select(monotonically_increasing_id()).writeStream().format("console")
                .start()).isInstanceOf(AnalysisException.class).hasMessageStartingWith(
                "Expression(s): monotonically_increasing_id() is not supported with streaming DataFrames/Datasets;");
        assertThatThrownBy(() -> input.toDF().sortWithinPartitions("value").writeStream().format("console").start())
                .hasMessageStartingWith("Sorting is not supported on streaming DataFrames/Datasets, unless it is on"
                        + " aggregated DataFrame/Dataset in Complete output mode;");
    }
}
