package dev.sluice.connectors.file;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.count;
import static dev.sluice.sql.functions.expr;
import static dev.sluice.sql.functions.session_window;
import static dev.sluice.sql.functions.sum;
import static dev.sluice.sql.functions.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A stateful operator after a stream-stream interval join ({@code cts >= its AND cts <= its + 10 seconds}), batch
 * by batch, in append mode. Spark 4.1 propagates the watermark through the plan: the join outputs the smaller of
 * its two state watermarks, here the global watermark minus 10 seconds, so the operator after it closes its
 * windows one batch later than the global watermark alone would, and the run ends (no further no-data batch)
 * with the last window still open.
 *
 * <p>Expected values: Apache Spark 4.1.1, {@code local[2]}, two shuffle partitions, the same six JSON files read
 * with {@code maxFilesPerTrigger=1} under {@code Trigger.AvailableNow}, each batch collected in
 * {@code foreachBatch} and its rows' {@code toString()} sorted; the program was these queries with Spark's
 * imports (2026-12-07). Batch 6 is the no-data batch that the final global watermark (00:00:57) runs; progress
 * reports the global watermark in every batch.
 */
class JoinThenStatefulOperatorTest extends ImpressionsAndClicksStreamTest {
    private static final List<String> GLOBAL_WATERMARKS = List.of(NO_WATERMARK,
            "2024-01-01T00:00:06.000Z", "2024-01-01T00:00:17.000Z", "2024-01-01T00:00:26.000Z",
            "2024-01-01T00:00:32.000Z", "2024-01-01T00:00:46.000Z", "2024-01-01T00:00:57.000Z");

    @Test
    void theJoinAloneEmitsEachMatchInTheBatchOfItsClick() throws Exception {
        List<String> batches = run(joined -> joined);
        assertThat(batches).containsExactly(
                "0: [[1,2024-01-01 00:00:01.0,1,2024-01-01 00:00:05.0]]",
                "1: [[2,2024-01-01 00:00:02.0,2,2024-01-01 00:00:12.0], [3,2024-01-01 00:00:08.0,3,2024-01-01 00:00:15.0]]",
                "2: [[4,2024-01-01 00:00:16.0,4,2024-01-01 00:00:22.0], [5,2024-01-01 00:00:19.0,5,2024-01-01 00:00:27.0]]",
                "3: [[6,2024-01-01 00:00:28.0,6,2024-01-01 00:00:33.0]]",
                "4: [[7,2024-01-01 00:00:34.0,7,2024-01-01 00:00:41.0]]",
                "5: []",
                "6: []");
        assertThat(watermarks).isEqualTo(GLOBAL_WATERMARKS);
    }

    @Test
    void windowsOfTheClickTimeCloseOnTheJoinsOutputWatermark() throws Exception {
        List<String> batches = run(joined -> joined.groupBy(window(col("cts"), "10 seconds")).count());
        assertThat(batches).containsExactly(
                "0: []",
                "1: []",
                "2: []",
                "3: [[[2024-01-01 00:00:00.0,2024-01-01 00:00:10.0],1]]",
                "4: [[[2024-01-01 00:00:10.0,2024-01-01 00:00:20.0],2]]",
                "5: [[[2024-01-01 00:00:20.0,2024-01-01 00:00:30.0],2]]",
                "6: [[[2024-01-01 00:00:30.0,2024-01-01 00:00:40.0],1]]");
        assertThat(watermarks).isEqualTo(GLOBAL_WATERMARKS);
    }

    @Test
    void windowsOfTheImpressionTimeCloseOnTheJoinsOutputWatermark() throws Exception {
        List<String> batches = run(joined -> joined.groupBy(window(col("its"), "10 seconds")).count());
        assertThat(batches).containsExactly(
                "0: []",
                "1: []",
                "2: []",
                "3: [[[2024-01-01 00:00:00.0,2024-01-01 00:00:10.0],3]]",
                "4: [[[2024-01-01 00:00:10.0,2024-01-01 00:00:20.0],2]]",
                "5: [[[2024-01-01 00:00:20.0,2024-01-01 00:00:30.0],1]]",
                "6: [[[2024-01-01 00:00:30.0,2024-01-01 00:00:40.0],1]]");
        assertThat(watermarks).isEqualTo(GLOBAL_WATERMARKS);
    }

    @Test
    void sessionsOfTheClickTimeCloseOnTheJoinsOutputWatermark() throws Exception {
        List<String> batches = run(joined -> joined.select(expr("cad % 2 AS p"), col("cts"))
                .groupBy(session_window(col("cts"), "5 seconds"), col("p")).count());
        assertThat(batches).containsExactly(
                "0: []",
                "1: []",
                "2: []",
                "3: [[[2024-01-01 00:00:05.0,2024-01-01 00:00:10.0],1,1]]",
                "4: [[[2024-01-01 00:00:12.0,2024-01-01 00:00:17.0],0,1], [[2024-01-01 00:00:15.0,2024-01-01 00:00:20.0],1,1]]",
                "5: [[[2024-01-01 00:00:22.0,2024-01-01 00:00:27.0],0,1], [[2024-01-01 00:00:27.0,2024-01-01 00:00:32.0],1,1]]",
                "6: [[[2024-01-01 00:00:33.0,2024-01-01 00:00:38.0],0,1], [[2024-01-01 00:00:41.0,2024-01-01 00:00:46.0],1,1]]");
        assertThat(watermarks).isEqualTo(GLOBAL_WATERMARKS);
    }

    /** A deduplication after the join keeps every match: none is late for the join's output watermark. */
    @Test
    void aDeduplicationOfTheClickTimeKeepsEveryMatch() throws Exception {
        List<String> batches = run(joined -> joined.select("cad", "cts").dropDuplicates("cts"));
        assertThat(batches).containsExactly(
                "0: [[1,2024-01-01 00:00:05.0]]",
                "1: [[2,2024-01-01 00:00:12.0], [3,2024-01-01 00:00:15.0]]",
                "2: [[4,2024-01-01 00:00:22.0], [5,2024-01-01 00:00:27.0]]",
                "3: [[6,2024-01-01 00:00:33.0]]",
                "4: [[7,2024-01-01 00:00:41.0]]",
                "5: []",
                "6: []");
        assertThat(watermarks).isEqualTo(GLOBAL_WATERMARKS);
    }

    /**
     * Aggregation → join → aggregation: clicks and impressions counted per 10-second window, the two joined on
     * the window, then summed per window again. Each window closes in the batch Spark closes it.
     */
    @Test
    void aggregationsJoinedOnTheWindowThenAggregatedAgain() throws Exception {
        List<String> batches = runOnSource(src -> {
            Dataset<Row> c = clicks(src).groupBy(window(col("cts"), "10 seconds").as("w")).agg(count("*").as("c"));
            Dataset<Row> i = impressions(src).groupBy(window(col("its"), "10 seconds").as("w2"))
                    .agg(count("*").as("i"));
            return c.join(i, expr("w = w2")).groupBy(col("w")).agg(sum("c").as("sc"), sum("i").as("si"));
        });
        assertThat(batches).containsExactly(
                "0: []",
                "1: []",
                "2: [[[2024-01-01 00:00:00.0,2024-01-01 00:00:10.0],1,3]]",
                "3: [[[2024-01-01 00:00:10.0,2024-01-01 00:00:20.0],2,2]]",
                "4: [[[2024-01-01 00:00:20.0,2024-01-01 00:00:30.0],2,1]]",
                "5: [[[2024-01-01 00:00:30.0,2024-01-01 00:00:40.0],1,1]]",
                "6: [[[2024-01-01 00:00:40.0,2024-01-01 00:00:50.0],1,1]]");
        assertThat(watermarks).isEqualTo(GLOBAL_WATERMARKS);
    }

    private List<String> run(Function<Dataset<Row>, Dataset<Row>> query) throws Exception {
        return runOnSource(src -> query.apply(impressions(src).join(clicks(src),
                expr("iad = cad AND cts >= its AND cts <= its + interval 10 seconds"))));
    }
}
