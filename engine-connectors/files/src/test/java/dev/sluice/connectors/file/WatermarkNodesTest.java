package dev.sluice.connectors.file;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.expr;
import static dev.sluice.sql.functions.sum;
import static dev.sluice.sql.functions.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.SluiceThrowable;
import dev.sluice.sql.streaming.StreamingQueryException;
import java.util.Collections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where a query's {@code withWatermark} nodes sit, and what Spark 4.1 makes of it: a node that has not seen a row
 * yet holds the global watermark at 0 (Spark's {@code WatermarkTracker}), and a second {@code withWatermark} above a
 * node that already outputs a watermark fails the query once the watermark is set (Spark's
 * {@code PropagateWatermarkSimulator}, {@code _LEGACY_ERROR_TEMP_3076}) unless
 * {@code spark.sql.streaming.statefulOperator.allowMultiple} is false; and a stateful operator that sees more than
 * one event-time column (a time column and its window) fails the query in its first batch
 * ({@code _LEGACY_ERROR_TEMP_3077}; Spark's attribute ids differ from Sluice's, so the tests match them loosely).
 *
 * <p>Expected values: Apache Spark 4.1.1 runs of these queries over the same files (see
 * {@link ImpressionsAndClicksStreamTest}), 2026-12-07: spark-examples/probes/watermark-nodes/Chain3.java, its output
 * beside it.
 */
class WatermarkNodesTest extends ImpressionsAndClicksStreamTest {
    private static final String ALLOW_MULTIPLE = "spark.sql.streaming.statefulOperator.allowMultiple";

    private static final String REDEFINED = "Redefining watermark is disallowed. You can set the config"
            + " 'spark.sql.streaming.statefulOperator.allowMultiple' to 'false' to restore the previous behavior."
            + " Note that multiple stateful operators will be disallowed.";
    private static final String MULTIPLE = "More than one event time columns are available\\. Please ensure there is"
            + " at most one event time column per stream\\. event time columns: ";

    @AfterEach
    void oneGlobalWatermarkOff() {
        spark.conf().unset(ALLOW_MULTIPLE);
    }

    /** A second watermark on the same stream: batch 0 runs (watermark 0), then planning batch 1 fails. */
    @Test
    void aSecondWithWatermarkFailsOnceTheWatermarkIsSet() {
        assertThatThrownBy(() -> runOnSource(src -> src.withWatermark("ts", "5 seconds")
                .groupBy(window(col("ts"), "10 seconds")).count()))
                .isInstanceOf(StreamingQueryException.class)
                .cause().hasMessage(REDEFINED)
                .satisfies(e -> assertThat(((SluiceThrowable) e).getCondition()).isEqualTo("_LEGACY_ERROR_TEMP_3076"));
        assertThat(batches).containsExactly("0: []");
    }

    /**
     * A watermark on an aggregation's output never sees a row in append mode (the aggregation waits for the
     * watermark to close a window), so the global watermark, the minimum over both nodes, stays 0 and nothing is
     * ever emitted: Spark's result, not a Sluice choice.
     */
    @Test
    void aWatermarkNodeThatNeverSeesARowHoldsTheGlobalWatermarkAtZero() throws Exception {
        assertThat(runOnSource(src -> src.groupBy(window(col("ts"), "10 seconds")).count()
                .selectExpr("window.end AS wend", "count")
                .withWatermark("wend", "0 seconds")
                .groupBy(window(col("wend"), "20 seconds")).agg(sum("count").as("n"))))
                .containsExactly("0: []", "1: []", "2: []", "3: []", "4: []", "5: []");
        assertThat(watermarks).isEqualTo(Collections.nCopies(6, NO_WATERMARK));
    }

    /** With one global watermark (the pre-3.5 behaviour), the redefinition is allowed: the minimum of both nodes. */
    @Test
    void withOneGlobalWatermarkASecondWithWatermarkTakesTheMinimum() throws Exception {
        spark.conf().set(ALLOW_MULTIPLE, "false");
        assertThat(runOnSource(src -> src.withWatermark("ts", "5 seconds")
                .groupBy(window(col("ts"), "10 seconds")).count())).containsExactly(
                "0: []",
                "1: []",
                "2: [[[2024-01-01 00:00:00.0,2024-01-01 00:00:10.0],4]]",
                "3: [[[2024-01-01 00:00:10.0,2024-01-01 00:00:20.0],4]]",
                "4: []",
                "5: [[[2024-01-01 00:00:20.0,2024-01-01 00:00:30.0],3], [[2024-01-01 00:00:30.0,2024-01-01 00:00:40.0],2]]",
                "6: [[[2024-01-01 00:00:40.0,2024-01-01 00:00:50.0],2]]");
        assertThat(watermarks).containsExactly(NO_WATERMARK, "2024-01-01T00:00:03.000Z", "2024-01-01T00:00:14.000Z",
                "2024-01-01T00:00:23.000Z", "2024-01-01T00:00:29.000Z", "2024-01-01T00:00:43.000Z",
                "2024-01-01T00:00:54.000Z");
    }

    /**
     * With one global watermark, a window count after an interval join closes each window a batch earlier than
     * with propagation ({@code JoinThenStatefulOperatorTest}: batches 3-6), and the last window in the final
     * no-data batch.
     */
    @Test
    void withOneGlobalWatermarkAnAggregationAfterAJoinUsesTheGlobalWatermark() throws Exception {
        spark.conf().set(ALLOW_MULTIPLE, "false");
        assertThat(runOnSource(src -> impressions(src).join(clicks(src),
                        expr("iad = cad AND cts >= its AND cts <= its + interval 10 seconds"))
                .groupBy(window(col("cts"), "10 seconds")).count())).containsExactly(
                "0: []",
                "1: []",
                "2: [[[2024-01-01 00:00:00.0,2024-01-01 00:00:10.0],1]]",
                "3: [[[2024-01-01 00:00:10.0,2024-01-01 00:00:20.0],2]]",
                "4: [[[2024-01-01 00:00:20.0,2024-01-01 00:00:30.0],2]]",
                "5: [[[2024-01-01 00:00:30.0,2024-01-01 00:00:40.0],1]]",
                "6: [[[2024-01-01 00:00:40.0,2024-01-01 00:00:50.0],1]]");
    }

    /** A deduplication whose input has the time column and its window: Spark refuses it in batch 0. */
    @Test
    void aDeduplicationSeeingTwoEventTimeColumnsFailsInItsFirstBatch() {
        assertThatThrownBy(() -> runOnSource(src -> src.select(col("ts"), window(col("ts"), "10 seconds").as("w"),
                col("ad")).dropDuplicates("ad")))
                .isInstanceOf(StreamingQueryException.class)
                .cause().satisfies(e -> assertThat(((SluiceThrowable) e).getCondition())
                        .isEqualTo("_LEGACY_ERROR_TEMP_3077"))
                .message().matches(MULTIPLE + "\\(ts#\\d+-T2000ms,w#\\d+-T2000ms\\)");
        assertThat(batches).isEmpty();
    }

    /** The same for a join side carrying its time column and that column's window. */
    @Test
    void aJoinSideWithTwoEventTimeColumnsFailsInItsFirstBatch() {
        assertThatThrownBy(() -> runOnSource(src -> impressions(src)
                .select(col("iad"), col("its"), window(col("its"), "10 seconds").as("w"))
                .join(clicks(src), expr("iad = cad AND cts >= its AND cts <= its + interval 10 seconds"))))
                .isInstanceOf(StreamingQueryException.class)
                .cause().message().matches(MULTIPLE + "\\(its#\\d+-T2000ms,w#\\d+-T2000ms\\)");
        assertThat(batches).isEmpty();
    }
}
