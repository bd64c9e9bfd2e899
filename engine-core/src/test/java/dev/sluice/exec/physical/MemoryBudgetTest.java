package dev.sluice.exec.physical;

import static dev.sluice.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceException;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryException;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.connector.MemoryStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A batch whose working set would pass {@code spark.sluice.execution.memoryBudget} fails with
 * MEMORY_BUDGET_EXCEEDED naming the operator and the options that make batches smaller, not with an
 * OutOfMemoryError; a streaming pipeline that holds nothing is not limited by it.
 */
class MemoryBudgetTest {
    private final SluiceSession spark = Sluice.builder().master("local[2]").getOrCreate();

    @AfterEach
    void resetBudget() {
        spark.conf().unset(MemoryBudget.KEY);
    }

    @Test
    void aSortThatWouldHoldMoreThanTheBudgetFailsNamingTheOperatorAndTheOptions() {
        spark.conf().set(MemoryBudget.KEY, "1m");
        // 300,000 longs take about 2.3 MiB in the sort's input
        assertThatThrownBy(() -> spark.range(300_000).orderBy(col("id").desc()).collectAsList())
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.getCondition()).isEqualTo("MEMORY_BUDGET_EXCEEDED");
                    assertThat(e.getMessage()).contains("Operator Sort would hold more rows than the execution"
                            + " memory budget of 1.0 MiB (spark.sluice.execution.memoryBudget)")
                            .contains("maxFilesPerTrigger or maxOffsetsPerTrigger");
                });
        // within the budget the same query runs
        spark.conf().set(MemoryBudget.KEY, "64m");
        assertThat(spark.range(300_000).orderBy(col("id").desc()).first()).isEqualTo(299_999L);
    }

    @Test
    void aStreamingPipelineStreamsUnderABudgetSmallerThanItsOutput() {
        spark.conf().set(MemoryBudget.KEY, "2m");
        // 400,000 rows = 3 MiB flow through filter and projection in 4096-row chunks: nothing is gathered
        assertThat(spark.range(400_000).selectExpr("id * 2 AS x").filter("x % 3 = 0").count())
                .isEqualTo(133_334L);
    }

    @Test
    void aMicroBatchWhoseAggregationInputPassesTheBudgetFailsTheQueryNamingTheOperator() throws Exception {
        MemoryStream input = MemoryStream.of(spark, new StructType().add("value", DataTypes.LongType));
        List<Object> values = new ArrayList<>();
        for (long i = 0; i < 300_000; i++) {
            values.add(i);
        }
        input.addValues(values.toArray());
        spark.conf().set(MemoryBudget.KEY, "1m");
        StreamingQuery q = input.toDF().groupBy("value").count().writeStream().format("noop").outputMode("complete")
                .start();
        assertThatThrownBy(q::processAllAvailable).isInstanceOf(StreamingQueryException.class)
                .hasMessageContaining("[MEMORY_BUDGET_EXCEEDED] Operator StateStoreSave would hold")
                .hasMessageContaining("maxOffsetsPerTrigger");
    }

    @Test
    void anInvalidBudgetIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> MemoryBudget.of("lots"))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.getCondition()).isEqualTo("INVALID_CONF_VALUE.MEMORY_BUDGET");
                    assertThat(e.getMessage()).contains("'lots'").contains(MemoryBudget.KEY);
                });
        assertThat(MemoryBudget.of("512m").budgetBytes()).isEqualTo(512L << 20);
        assertThat(MemoryBudget.of("2g").budgetBytes()).isEqualTo(2L << 30);
        assertThat(MemoryBudget.of("1000").budgetBytes()).isEqualTo(1000L);
    }
}
