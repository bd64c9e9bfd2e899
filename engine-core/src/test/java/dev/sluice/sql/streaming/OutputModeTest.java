package dev.sluice.sql.streaming;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.countDistinct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.stream.connector.MemoryStream;
import org.junit.jupiter.api.Test;

/** Output modes and the operations Spark 4.1 rejects at start(), with its error classes and texts. */
class OutputModeTest extends StreamingTestSupport {

    private AnalysisException startFails(Dataset<Row> ds, String mode) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(
                () -> ds.writeStream().format("noop").outputMode(mode).start());
        assertThat(t).isInstanceOf(AnalysisException.class);
        return (AnalysisException) t;
    }

    @Test
    void appendWithAggregationNeedsAWatermark() {
        Dataset<Row> counts = lines().toDF().groupBy("value").count();
        AnalysisException e = startFails(counts, "append");
        assertThat(e.getCondition()).isEqualTo("STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION");
        assertThat(e.getMessage()).isEqualTo("[STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION] Invalid streaming output"
                + " mode: append. This output mode is not supported for streaming aggregations without watermark on"
                + " streaming DataFrames/DataSets. SQLSTATE: 42KDE");
    }

    @Test
    void completeNeedsAnAggregation() {
        AnalysisException e = startFails(lines().toDF().filter("value <> ''"), "complete");
        // Spark 4.1.1's UnsupportedOperationChecker (Spark 3 raised the legacy "Complete output mode not
        // supported when there are no streaming aggregations" text).
        assertThat(e.getCondition()).isEqualTo("STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION");
        assertThat(e.getMessage()).isEqualTo("[STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION] Invalid streaming output"
                + " mode: complete. This output mode is not supported for no streaming aggregations on streaming"
                + " DataFrames/DataSets. SQLSTATE: 42KDE");
    }

    @Test
    void statelessQueriesRunInAppendAndUpdate() throws Exception {
        for (String mode : new String[] {"append", "update"}) {
            MemoryStream input = lines();
            StreamingQuery q = input.toDF().filter("value <> 'x'").writeStream().format("memory")
                    .queryName("stateless_" + mode).outputMode(mode).start();
            input.addValues("a", "x", "b");
            q.processAllAvailable();
            input.addValues("c");
            q.processAllAvailable();
            assertThat(sorted(spark.table("stateless_" + mode).collectAsList())).containsExactly("[a]", "[b]", "[c]");
        }
    }

    @Test
    void sortingNeedsCompleteModeAggregation() throws Exception {
        AnalysisException e = startFails(lines().toDF().orderBy("value"), "append");
        assertThat(e.getMessage()).startsWith("Sorting is not supported on streaming DataFrames/Datasets, unless it is"
                + " on aggregated DataFrame/Dataset in Complete output mode;\n");

        MemoryStream input = lines();
        StreamingQuery q = input.toDF().groupBy("value").count().orderBy(col("count").desc(), col("value"))
                .writeStream().format("memory").queryName("sorted_counts").outputMode("complete").start();
        input.addValues("b", "a", "b", "c", "b", "a");
        q.processAllAvailable();
        assertThat(spark.table("sorted_counts").collectAsList().toString()).isEqualTo("[[b,3], [a,2], [c,1]]");
    }

    @Test
    void limitIsRejectedInUpdateModeAndStatefulInAppendMode() throws Exception {
        AnalysisException e = startFails(lines().toDF().limit(2), "update");
        assertThat(e.getMessage()).startsWith("Limits are not supported on streaming DataFrames/Datasets in Update"
                + " output mode;\n");

        MemoryStream input = lines();
        StreamingQuery q = input.toDF().limit(3).writeStream().format("memory").queryName("limited").start();
        input.addValues("a", "b");
        q.processAllAvailable();
        input.addValues("c", "d");
        q.processAllAvailable();
        assertThat(sorted(spark.table("limited").collectAsList())).containsExactly("[a]", "[b]", "[c]");
    }

    @Test
    void distinctAggregationsAreRejected() {
        AnalysisException e = startFails(lines().toDF().agg(countDistinct("value")), "complete");
        assertThat(e.getMessage()).startsWith("Distinct aggregations are not supported on streaming"
                + " DataFrames/Datasets. Consider using approx_count_distinct() instead.;\n");
    }

    @Test
    void chainedAggregationsInCompleteModeHitTheCorrectnessCheck() {
        Dataset<Row> twice = lines().toDF().groupBy("value").count().groupBy("count").count();
        AnalysisException e = startFails(twice, "complete");
        assertThat(e.getMessage()).startsWith("Detected pattern of possible 'correctness' issue due to global"
                + " watermark.");
    }

    @Test
    void dropDuplicatesKeepsTheFirstRowPerKeyAcrossBatches() throws Exception {
        MemoryStream input = lines();
        StreamingQuery q = input.toDF().dropDuplicates().writeStream().format("memory").queryName("dedup").start();
        input.addValues("a", "b", "a");
        q.processAllAvailable();
        input.addValues("b", "c");
        q.processAllAvailable();
        assertThat(sorted(spark.table("dedup").collectAsList())).containsExactly("[a]", "[b]", "[c]");
    }

    @Test
    void batchDatasetsCannotBeWrittenAsStreamsAndStreamsCannotBeCollected() {
        Dataset<Row> batch = spark.range(3).toDF();
        assertThatThrownBy(batch::writeStream).isInstanceOf(AnalysisException.class)
                .hasMessage("[WRITE_STREAM_NOT_ALLOWED] `writeStream` can be called only on streaming Dataset/DataFrame."
                        + " SQLSTATE: 42601");
        assertThatThrownBy(() -> lines().toDF().collectAsList()).isInstanceOf(AnalysisException.class)
                .hasMessageContaining("Queries with streaming sources must be executed with writeStream.start()");
    }

    @Test
    void unknownFormatsAndModesAreReported() {
        assertThatThrownBy(() -> lines().toDF().writeStream().format("nope").start())
                .isInstanceOf(AnalysisException.class)
                .hasMessageStartingWith("[DATA_SOURCE_NOT_FOUND] Failed to find the data source: nope.");
        assertThatThrownBy(() -> lines().toDF().writeStream().outputMode("sideways"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("[STREAMING_OUTPUT_MODE.INVALID] Invalid streaming output mode: sideways. Accepted output"
                        + " modes are 'Append', 'Complete', 'Update'. SQLSTATE: 42KDE");
        assertThatThrownBy(() -> lines().toDF().writeStream().format("memory").start())
                .hasMessage("queryName must be specified for memory sink");
    }
}
