package dev.sluice.sql;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.count;
import static dev.sluice.sql.functions.lit;
import static dev.sluice.sql.functions.max;
import static dev.sluice.sql.functions.rand;
import static dev.sluice.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryProgress;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.connector.MemoryStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code Dataset.observe}: an {@link Observation} filled by the first action (the values real Spark 4.1.1 gave for
 * the same query), Spark's {@code INVALID_OBSERVED_METRICS} errors, and per-micro-batch metrics in
 * {@code StreamingQueryProgress.observedMetrics} and its JSON.
 */
class ObserveTest {
    private static SluiceSession spark;

    @BeforeAll
    static void start() {
        spark = SluiceSession.builder().master("local[2]").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void anObservationIsFilledByTheFirstAction() throws Exception {
        Observation observation = new Observation("o");
        Dataset<Row> observed = spark.range(10).toDF().observe(observation, count(lit(1)).as("rows"),
                sum(col("id")).as("s"), max(col("id")).as("mx"));
        assertThat(observed.filter(col("id").gt(4)).collectAsList()).hasSize(5); // the rows pass unchanged
        Map<String, Object> metrics = observation.get();
        assertThat(metrics).containsExactly(Map.entry("rows", 10L), Map.entry("s", 45L), Map.entry("mx", 9L));
        assertThat(metrics.toString()).isEqualTo("{rows=10, s=45, mx=9}");
        assertThat(observation.getAsJava()).isEqualTo(metrics);
        // a second action leaves the first action's metrics, as Spark's
        observed.filter(col("id").lt(2)).collectAsList();
        assertThat(observation.get()).isEqualTo(metrics);
        assertThat(dev.sluice.exec.physical.PhysicalPlanner.planQuery(observed.logicalPlan()).treeString())
                .startsWith("CollectMetrics o, [");
        assertThatThrownBy(() -> spark.range(3).observe(observation, count(lit(1))))
                .hasMessage("An Observation can be used with a Dataset only once");
        assertThatThrownBy(() -> new Observation("")).hasMessage("requirement failed: Name must not be empty");
    }

    @Test
    void onlyAggregatesAreObservedAsInSpark() {
        assertThatThrownBy(() -> spark.range(10).observe("m", col("id")))
                .isInstanceOfSatisfying(AnalysisException.class, e -> {
                    assertThat(e.getCondition()).isEqualTo("INVALID_OBSERVED_METRICS.NON_AGGREGATE_FUNC_ARG_IS_ATTRIBUTE");
                    assertThat(e.getSqlState()).isEqualTo("42K0E");
                    assertThat(e.getMessage()).contains("Invalid observed metrics. Attribute \"id\" can only be used"
                            + " as an argument to an aggregate function.");
                });
        assertThatThrownBy(() -> spark.range(10).observe("m", rand(1).as("r")))
                .isInstanceOfSatisfying(AnalysisException.class, e -> assertThat(e.getCondition())
                        .isEqualTo("INVALID_OBSERVED_METRICS.NON_AGGREGATE_FUNC_ARG_IS_NON_DETERMINISTIC"));
        assertThatThrownBy(() -> spark.range(10).observe("", sum(col("id")).as("s")))
                .isInstanceOfSatisfying(AnalysisException.class, e -> assertThat(e.getCondition())
                        .isEqualTo("INVALID_OBSERVED_METRICS.MISSING_NAME"));
        // as in Spark: aggregates of non-deterministic input, and unnamed aggregates, are fine
        assertThat(spark.range(10).observe("m", sum(rand(1)), sum(col("id"))).count()).isEqualTo(10);
    }

    @Test
    void streamingProgressReportsEachMicroBatchsMetrics() throws Exception {
        MemoryStream input = MemoryStream.of(spark, new StructType().add("value", DataTypes.StringType));
        Dataset<Row> observed = input.toDF().observe("events", count(lit(1)).as("n"),
                max(functions.length(col("value"))).as("longest"));
        StreamingQuery q = observed.writeStream().format("memory").queryName("observed").start();
        try {
            input.addData(List.of(RowFactory.create("ab"), RowFactory.create("abc")));
            q.processAllAvailable();
            StreamingQueryProgress first = q.lastProgress();
            input.addData(List.of(RowFactory.create("a")));
            q.processAllAvailable();
            StreamingQueryProgress second = q.lastProgress();
            Row m = first.observedMetrics().get("events");
            assertThat(m.toString()).isEqualTo("[2,3]");
            assertThat(m.schema().fieldNames()).containsExactly("n", "longest");
            assertThat(second.observedMetrics().get("events").toString()).isEqualTo("[1,1]");
            assertThat(first.json()).contains("\"observedMetrics\":{\"events\":{\"n\":2,\"longest\":3}}");
            assertThat(spark.sql("SELECT * FROM observed").count()).isEqualTo(3);
            assertThatThrownBy(() -> input.toDF().observe(new Observation("s"), count(lit(1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Observation does not support streaming Datasets.");
        } finally {
            q.stop();
        }
    }
}
