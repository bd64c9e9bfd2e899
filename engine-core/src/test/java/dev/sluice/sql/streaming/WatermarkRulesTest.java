package dev.sluice.sql.streaming;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.window;
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
 * withWatermark's validation, its meaning for batch queries, deduplication with a watermark, several
 * watermarks combined by policy, and the trailing no-data batch of Trigger.AvailableNow.
 */
class WatermarkRulesTest extends StatefulTestSupport {

    private Dataset<Row> events() {
        return MemoryStream.of(spark, EVENTS).toDF();
    }

    @Test
    void aDelayThatIsNotAnIntervalIsRejectedWithSparksErrorClass() {
        assertThatThrownBy(() -> events().withWatermark("ts", "ten minutes")).isInstanceOf(AnalysisException.class)
                .hasMessageContaining("Unable to parse 'ten minutes'")
                .satisfies(e -> assertThat(((AnalysisException) e).getCondition()).isEqualTo("CANNOT_PARSE_INTERVAL"));
    }

    @Test
    void theEventTimeMustBeATimestamp() {
        assertThatThrownBy(() -> events().withWatermark("word", "10 minutes")).isInstanceOf(AnalysisException.class)
                .hasMessage("[EVENT_TIME_IS_NOT_ON_TIMESTAMP_TYPE] The event time `word` has the invalid type \"STRING\", but"
                        + " expected \"TIMESTAMP\". SQLSTATE: 42K09")
                .satisfies(e -> assertThat(((AnalysisException) e).getCondition())
                        .isEqualTo("EVENT_TIME_IS_NOT_ON_TIMESTAMP_TYPE"));
        assertThatThrownBy(() -> events().withWatermark("nope", "10 minutes")).isInstanceOf(AnalysisException.class)
                .satisfies(e -> assertThat(((AnalysisException) e).getCondition())
                        .isEqualTo("UNRESOLVED_COLUMN.WITH_SUGGESTION"));
    }

    @Test
    void aBatchQueryIgnoresTheWatermark() {
        Dataset<Row> batch = spark.createDataFrame(List.of(event("dog", "12:07"), event("donkey", "09:00")), EVENTS)
                .withWatermark("ts", "1 minute");
        assertThat(batch.groupBy(window(col("ts"), "10 minutes"), col("word")).count().count()).isEqualTo(2);
    }

    @Test
    void appendModeNeedsTheWatermarkOnAGroupingColumn() throws Exception {
        Dataset<Row> byWordOnly = events().withWatermark("ts", "10 minutes").groupBy("word").count();
        assertThatThrownBy(() -> byWordOnly.writeStream().format("noop").outputMode("append").start())
                .isInstanceOf(AnalysisException.class).hasMessageContaining("without watermark");
        Dataset<Row> byTime = events().withWatermark("ts", "10 minutes").groupBy(col("ts"), col("word")).count();
        StreamingQuery q = byTime.writeStream().format("noop").outputMode("append").start();
        assertThat(q.isActive()).isTrue();
    }

    @Test
    void aWindowComputedInAProjectionCarriesTheEventTimeOfItsColumn() throws Exception {
        Dataset<Row> windows = events().withWatermark("ts", "10 minutes")
                .select(window(col("ts"), "10 minutes").alias("w"), col("word"));
        StreamingQuery q = windows.groupBy("w", "word").count().writeStream().format("noop").outputMode("append")
                .start();
        assertThat(q.isActive()).isTrue();
    }

    @Test
    void dropDuplicatesWithAWatermarkDropsLateRowsAndEvictsExpiredKeys() throws Exception {
        MemoryStream input = MemoryStream.of(spark, EVENTS);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        StreamingQuery q = input.toDF().withWatermark("ts", "10 minutes").dropDuplicates("word", "ts").writeStream()
                .foreachBatch((Dataset<Row> ds, Long id) -> ds.collectAsList()
                        .forEach(r -> seen.add(id + ":" + r.getString(0) + "@" + hhmm(r.get(1))))).start();
        input.addData(event("a", "12:00"), event("a", "12:00"), event("b", "12:01"));
        q.processAllAvailable(); // batch 0, then no-data batch 1 (watermark 11:51)
        input.addData(event("c", "12:30"), event("b", "12:01"));
        q.processAllAvailable(); // batch 2 (b is a duplicate), no-data batch 3 (watermark 12:20) evicts a, b
        StreamingQueryProgress evicting = q.lastProgress();
        assertThat(evicting.batchId()).isEqualTo(3);
        assertThat(evicting.stateOperators()[0].numRowsRemoved()).isEqualTo(2);
        assertThat(evicting.stateOperators()[0].numRowsTotal()).isEqualTo(1);
        input.addData(event("a", "12:00"), event("d", "12:25"));
        q.processAllAvailable(); // batch 4: a@12:00 is behind the watermark 12:20: dropped, not re-emitted
        assertThat(seen).containsExactly("0:a@12:00", "0:b@12:01", "2:c@12:30", "4:d@12:25");
        assertThat(q.recentProgress()[4].stateOperators()[0].numRowsDroppedByWatermark()).isEqualTo(1);
    }

    @Test
    void dropDuplicatesWithinWatermarkForgetsAKeyOnceTheWatermarkPassesItsEventTimePlusTheDelay() throws Exception {
        MemoryStream input = MemoryStream.of(spark, EVENTS);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        StreamingQuery q = input.toDF().withWatermark("ts", "10 minutes").dropDuplicatesWithinWatermark("word")
                .writeStream().foreachBatch((Dataset<Row> ds, Long id) -> ds.collectAsList()
                        .forEach(r -> seen.add(id + ":" + r.getString(0) + "@" + hhmm(r.get(1))))).start();
        input.addData(event("a", "12:00"), event("a", "12:05"), event("b", "12:01"));
        q.processAllAvailable(); // a expires at 12:10, b at 12:11; no-data batch 1 (watermark 11:55) keeps both
        input.addData(event("a", "12:08"), event("c", "12:30"));
        q.processAllAvailable(); // a@12:08 is a duplicate; no-data batch 3 (watermark 12:20) forgets a and b
        assertThat(q.lastProgress().stateOperators()[0].numRowsRemoved()).isEqualTo(2);
        input.addData(event("a", "12:21"));
        q.processAllAvailable(); // batch 4: a is new again (12:21 is after the watermark 12:20)
        assertThat(seen).containsExactly("0:a@12:00", "0:b@12:01", "2:c@12:30", "4:a@12:21");
    }

    @Test
    void dropDuplicatesWithinWatermarkNeedsAWatermark() {
        Dataset<Row> noWatermark = events().dropDuplicatesWithinWatermark("word");
        assertThatThrownBy(() -> noWatermark.writeStream().format("noop").start())
                .isInstanceOf(AnalysisException.class).hasMessageContaining(
                        "dropDuplicatesWithinWatermark is not supported on streaming DataFrames/DataSets without watermark");
        assertThat(spark.createDataFrame(List.of(event("a", "12:00"), event("a", "12:01")), EVENTS)
                .dropDuplicatesWithinWatermark("word").count()).isEqualTo(1);
    }

    private String watermarkWithPolicy(String policy) throws Exception {
        spark.conf().set("spark.sql.streaming.multipleWatermarkPolicy", policy);
        try {
            MemoryStream fast = MemoryStream.of(spark, EVENTS);
            MemoryStream slow = MemoryStream.of(spark, EVENTS);
            Dataset<Row> both = fast.toDF().withWatermark("ts", "10 minutes")
                    .union(slow.toDF().withWatermark("ts", "20 minutes"));
            // both inputs get their row before the start, so the first batch sees both (a watermark never goes back)
            fast.addData(event("x", "12:30"));
            slow.addData(event("y", "12:30"));
            StreamingQuery q = both.groupBy(window(col("ts"), "5 minutes")).count().writeStream().format("noop")
                    .outputMode("update").start();
            q.processAllAvailable();
            String watermark = q.lastProgress().eventTime().get("watermark");
            q.stop();
            return watermark;
        } finally {
            spark.conf().unset("spark.sql.streaming.multipleWatermarkPolicy");
        }
    }

    @Test
    void severalWatermarksCombineWithTheMinPolicyByDefaultOrTheMaxPolicy() throws Exception {
        assertThat(watermarkWithPolicy("min")).isEqualTo("2024-01-01T12:10:00.000Z");
        assertThat(watermarkWithPolicy("max")).isEqualTo("2024-01-01T12:20:00.000Z");
    }

    @Test
    void availableNowRunsTheTrailingNoDataBatchThatEmitsTheLastWindows() throws Exception {
        MemoryStream input = MemoryStream.of(spark, EVENTS);
        GUIDE_BATCHES.forEach(input::addData);
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery q = windowedCounts(input).writeStream().outputMode("append").trigger(Trigger.AvailableNow())
                .foreachBatch((Dataset<Row> ds, Long id) -> {
                    List<String> rows = new ArrayList<>();
                    ds.collectAsList().forEach(r -> rows.add(describe(r)));
                    rows.sort(null);
                    out.put(id, rows);
                }).start();
        q.awaitTermination();
        // one batch reads all ten rows (watermark 0: donkey 12:04 is not late); the trailing no-data batch has
        // watermark 12:21 - 10 = 12:11 and emits the windows ending by then
        assertThat(out).containsExactly(Map.entry(0L, List.of()), Map.entry(1L, List.of("11:55-12:05 donkey 1",
                "12:00-12:10 cat 1", "12:00-12:10 dog 2", "12:00-12:10 donkey 1", "12:00-12:10 owl 1")));
    }
}
