package dev.sluice.sql.streaming;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.expr;
import static dev.sluice.sql.functions.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.BatchHooks;
import dev.sluice.stream.connector.MemoryStream;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stream-stream joins: ad impressions joined with clicks, as in Spark's programming guide. Expected rows
 * follow Spark's rules (SEMANTICS.md): the batch watermark is min over both inputs of max(event time) -
 * delay; with {@code clickTime >= impressionTime AND clickTime <= impressionTime + 15 minutes}, impressions
 * are evicted once {@code impressionTime <= watermark - 15 min - 1 ms} and clicks once
 * {@code clickTime <= watermark - 1 ms}; a watermark that moved runs a no-data batch. Subclasses in
 * engine-state re-run everything with RocksDB.
 */
class StreamStreamJoinTest extends StatefulTestSupport {
    static final StructType IMPRESSIONS = new StructType().add("adId", DataTypes.IntegerType)
            .add("impressionTime", DataTypes.TimestampType);
    static final StructType CLICKS = new StructType().add("clickAdId", DataTypes.IntegerType)
            .add("clickTime", DataTypes.TimestampType);
    static final String RANGE = "clickAdId = adId AND clickTime >= impressionTime"
            + " AND clickTime <= impressionTime + interval 15 minutes";

    @TempDir
    Path dir;

    static Row ad(int id, String hhmm) {
        return RowFactory.create(id, event("", hhmm).get(1));
    }

    /** "1 12:00 | 1 12:10" for a joined row (NULL sides print as "-"). */
    static String describeJoined(Row r) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < r.length(); i++) {
            Object v = r.get(i);
            parts.add(v == null ? "-" : v instanceof Timestamp t ? hhmm(t) : v.toString());
        }
        return String.join(" ", parts);
    }

    /** Two inputs fed batch by batch (a batch may leave either side empty). */
    record Feed(List<Row> impressions, List<Row> clicks) {
    }

    static Feed feed(List<Row> impressions, List<Row> clicks) {
        return new Feed(impressions, clicks);
    }

    final class Run {
        final MemoryStream impressions = MemoryStream.of(spark, IMPRESSIONS);
        final MemoryStream clicks = MemoryStream.of(spark, CLICKS);
        final Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        /** Held while a feed is added, and by the engine while it asks the sources: a feed is never split. */
        final java.util.concurrent.locks.ReentrantLock feeding = new java.util.concurrent.locks.ReentrantLock();

        /** Hooks that keep each feed in one batch, plus {@code crashAfterStateCommitOf} (-1: none). */
        BatchHooks hooks(long crashAfterStateCommitOf) {
            return new BatchHooks() {
                @Override
                public <T> T aroundLatestOffsets(java.util.function.Supplier<T> askSources) {
                    feeding.lock();
                    try {
                        return askSources.get();
                    } finally {
                        feeding.unlock();
                    }
                }

                @Override
                public void afterStateCommit(long batchId) {
                    if (batchId == crashAfterStateCommitOf) {
                        throw new IllegalStateException("injected crash after the state commit of batch " + batchId);
                    }
                }
            };
        }

        /** Adds both sides of a feed at once, without waiting for the query. */
        void addAtomically(Feed f) {
            feeding.lock();
            try {
                if (!f.impressions().isEmpty()) {
                    impressions.addData(f.impressions());
                }
                if (!f.clicks().isEmpty()) {
                    clicks.addData(f.clicks());
                }
            } finally {
                feeding.unlock();
            }
        }

        Dataset<Row> watermarkedImpressions() {
            return impressions.toDF().withWatermark("impressionTime", "10 minutes");
        }

        Dataset<Row> watermarkedClicks() {
            return clicks.toDF().withWatermark("clickTime", "20 minutes");
        }

        StreamingQuery start(Dataset<Row> joined, String checkpoint) throws Exception {
            if (spark.streams().hooks() == BatchHooks.NONE) {
                spark.streams().setHooks(hooks(-1));
            }
            var writer = joined.writeStream();
            if (checkpoint != null) {
                writer = writer.option("checkpointLocation", checkpoint);
            }
            return writer.foreachBatch((Dataset<Row> ds, Long id) -> {
                List<String> rows = new ArrayList<>();
                ds.collectAsList().forEach(r -> rows.add(describeJoined(r)));
                rows.sort(null);
                out.put(id, rows);
            }).start();
        }

        void add(StreamingQuery q, Feed f) {
            addAtomically(f);
            q.processAllAvailable();
        }
    }

    /** The guide's two batches: first 3 ads and 2 clicks (ad 2 and click 4 never match), then ad 3 and its click. */
    static final List<Feed> FEEDS = List.of(
            feed(List.of(ad(1, "12:00"), ad(2, "12:05")), List.of(ad(1, "12:10"), ad(4, "12:11"))),
            feed(List.of(ad(3, "12:40")), List.of(ad(3, "12:45"))));

    private Map<Long, List<String>> runOuter(String joinType, boolean clicksFirst) throws Exception {
        Run run = new Run();
        Dataset<Row> joined = clicksFirst
                ? run.watermarkedClicks().join(run.watermarkedImpressions(), expr(RANGE), joinType)
                : run.watermarkedImpressions().join(run.watermarkedClicks(), expr(RANGE), joinType);
        StreamingQuery q = run.start(joined, null);
        for (Feed f : FEEDS) {
            run.add(q, f);
        }
        q.stop();
        return run.out;
    }

    @Test
    void innerJoinWithoutWatermarksKeepsEveryRowAndFindsPairsAcrossBatches() throws Exception {
        Run run = new Run();
        Dataset<Row> joined = run.impressions.toDF().join(run.clicks.toDF(), expr("adId = clickAdId"));
        StreamingQuery q = run.start(joined, null);
        run.add(q, feed(List.of(ad(1, "12:00")), List.of(ad(1, "12:01"))));
        run.add(q, feed(List.of(ad(1, "12:02")), List.of()));
        run.add(q, feed(List.of(), List.of(ad(1, "12:03"), ad(2, "12:04"))));
        q.stop();
        assertThat(run.out).containsExactly(
                Map.entry(0L, List.of("1 12:00 1 12:01")),
                Map.entry(1L, List.of("1 12:02 1 12:01")),
                Map.entry(2L, List.of("1 12:00 1 12:03", "1 12:02 1 12:03")));
        StateOperatorProgress join = q.lastProgress().stateOperators()[0];
        assertThat(join.operatorName()).isEqualTo("symmetricHashJoin");
        assertThat(join.numRowsTotal()).isEqualTo(5); // state grows forever without a watermark
        assertThat(join.customMetrics()).containsEntry("leftNumRowsTotal", 2L).containsEntry("rightNumRowsTotal", 3L);
    }

    @Test
    void innerJoinWithWatermarksAndARangeEvictsBothSides() throws Exception {
        Run run = new Run();
        Dataset<Row> joined = run.watermarkedImpressions().join(run.watermarkedClicks(), expr(RANGE));
        StreamingQuery q = run.start(joined, null);
        run.add(q, FEEDS.get(0));
        run.add(q, feed(List.of(ad(3, "12:40")), List.of(ad(2, "12:12"), ad(3, "12:45"))));
        run.add(q, feed(List.of(), List.of(ad(1, "12:20")))); // behind the watermark (12:25): late
        q.stop();
        // batch 1: no-data batch at watermark 11:50; batch 3: no-data batch at 12:25 that evicts
        assertThat(run.out).containsExactly(
                Map.entry(0L, List.of("1 12:00 1 12:10")),
                Map.entry(1L, List.of()),
                Map.entry(2L, List.of("2 12:05 2 12:12", "3 12:40 3 12:45")),
                Map.entry(3L, List.of()),
                Map.entry(4L, List.of()));
        StreamingQueryProgress[] progress = q.recentProgress();
        StateOperatorProgress beforeEviction = progress[2].stateOperators()[0];
        assertThat(beforeEviction.numRowsTotal()).isEqualTo(7);
        StateOperatorProgress eviction = progress[3].stateOperators()[0];
        // impressions <= 12:09:59.999 (ads 1, 2) and clicks <= 12:24:59.999 (12:10, 12:11, 12:12) are gone
        assertThat(eviction.numRowsRemoved()).isEqualTo(5);
        assertThat(eviction.numRowsTotal()).isEqualTo(2);
        assertThat(eviction.customMetrics()).containsEntry("leftNumRowsTotal", 1L).containsEntry("rightNumRowsTotal", 1L);
        assertThat(progress[4].stateOperators()[0].numRowsDroppedByWatermark()).isEqualTo(1);
    }

    /**
     * Sixty ads over the 5 state partitions (reads, appends, flag updates and the eviction scan run partitions in
     * parallel on local[2]): ad {@code n} (12:00 + n % 20 minutes) gets {@code n % 3} clicks 1 and 2 minutes after
     * it, then a click at 13:30 moves the watermark to 13:10 (clicks' 20-minute delay binds, impressions at 13:30
     * minus 10) and the no-data batch emits every ad without a click (n % 3 == 0) with NULLs, once.
     */
    @Test
    void manyKeysAcrossPartitionsMatchAndEvictAsOneThreadWould() throws Exception {
        Run run = new Run();
        Dataset<Row> joined = run.watermarkedImpressions().join(run.watermarkedClicks(), expr(RANGE), "left_outer");
        StreamingQuery q = run.start(joined, null);
        List<Row> ads = new ArrayList<>();
        List<Row> clicks = new ArrayList<>();
        List<String> matched = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        for (int n = 0; n < 60; n++) {
            String at = String.format("12:%02d", n % 20);
            ads.add(ad(n, at));
            if (n % 3 == 0) {
                unmatched.add(n + " " + at + " - -");
            }
            for (int c = 1; c <= n % 3; c++) {
                String clickAt = String.format("12:%02d", n % 20 + c);
                clicks.add(ad(n, clickAt));
                matched.add(n + " " + at + " " + n + " " + clickAt);
            }
        }
        run.add(q, feed(ads, clicks));
        run.add(q, feed(List.of(ad(1000, "13:30")), List.of(ad(2000, "13:30"))));
        q.stop();
        matched.sort(null);
        // ad 1000 (13:30) stays: it is after the eviction bound 12:54:59.999 (13:10 - 15 minutes - 1 ms)
        unmatched.sort(null);
        List<String> all = new ArrayList<>();
        run.out.values().forEach(all::addAll);
        List<String> pairs = all.stream().filter(r -> !r.endsWith("- -")).sorted().toList();
        List<String> padded = all.stream().filter(r -> r.endsWith("- -")).sorted().toList();
        assertThat(pairs).containsExactlyElementsOf(matched);
        assertThat(padded).containsExactlyElementsOf(unmatched);
    }

    @Test
    void leftOuterJoinEmitsUnmatchedImpressionsOnceTheWatermarkPassesThem() throws Exception {
        assertThat(runOuter("left_outer", false)).containsExactly(
                Map.entry(0L, List.of("1 12:00 1 12:10")),
                Map.entry(1L, List.of()),
                Map.entry(2L, List.of("3 12:40 3 12:45")),
                Map.entry(3L, List.of("2 12:05 - -")));
    }

    @Test
    void rightOuterJoinEmitsUnmatchedImpressionsOnTheRight() throws Exception {
        assertThat(runOuter("right_outer", true)).containsExactly(
                Map.entry(0L, List.of("1 12:10 1 12:00")),
                Map.entry(1L, List.of()),
                Map.entry(2L, List.of("3 12:45 3 12:40")),
                Map.entry(3L, List.of("- - 2 12:05")));
    }

    @Test
    void fullOuterJoinEmitsUnmatchedRowsOfBothSides() throws Exception {
        assertThat(runOuter("full_outer", false)).containsExactly(
                Map.entry(0L, List.of("1 12:00 1 12:10")),
                Map.entry(1L, List.of()),
                Map.entry(2L, List.of("3 12:40 3 12:45")),
                Map.entry(3L, List.of("- - 4 12:11", "2 12:05 - -")));
    }

    /**
     * A checkpoint written before join state layout 2 existed (fixture {@code join-state-layout-1}: this full outer
     * join after {@code FEEDS.get(0)}, batches 0 and 1, by the build of ee3569f, in-memory provider) records no
     * layout: a restart keeps layout 1 whatever the session says, and gives the rows the uninterrupted run gives
     * ({@link #fullOuterJoinEmitsUnmatchedRowsOfBothSides}): ad 1, matched before the restart, is not padded at
     * eviction, so its stored matched flag was read.
     */
    @Test
    void aCheckpointFromBeforeLayout2KeepsLayout1AndItsRows() throws Exception {
        Path checkpoint = TransformWithStatePartitionsTest.copyFixture("join-state-layout-1", dir.resolve("old"));
        Run run = new Run();
        run.addAtomically(FEEDS.get(0));
        StreamingQuery q = run.start(run.watermarkedImpressions().join(run.watermarkedClicks(), expr(RANGE),
                "full_outer"), checkpoint.toString());
        run.add(q, FEEDS.get(1));
        q.stop();
        assertThat(run.out).containsExactly(
                Map.entry(2L, List.of("3 12:40 3 12:45")),
                Map.entry(3L, List.of("- - 4 12:11", "2 12:05 - -")));
        assertThat(java.nio.file.Files.readString(checkpoint.resolve("offsets/0")))
                .doesNotContain("joinLayoutVersion");
        assertThat(java.nio.file.Files.readString(checkpoint.resolve("offsets/3")))
                .contains("\"spark.sluice.state.joinLayoutVersion\":\"1\"");
        try (var files = java.nio.file.Files.walk(checkpoint.resolve("state"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".delta")).count()).isGreaterThan(2);
        }
    }

    /** A layout this build does not know is refused before a batch runs, naming the operator and the setting. */
    @Test
    void anUnknownJoinStateLayoutIsRefusedNamingTheOperatorAndTheSetting() throws Exception {
        Path checkpoint = TransformWithStatePartitionsTest.copyFixture("join-state-layout-1", dir.resolve("future"));
        for (String batch : List.of("0", "1")) {
            // as a later build would write it: the layout recorded, the file's CRC-32 trailer recomputed
            Path offsets = checkpoint.resolve("offsets/" + batch);
            String text = java.nio.file.Files.readString(offsets);
            String body = text.substring(0, text.lastIndexOf("\ncrc32=")).replace("\"spark.sql.shuffle.partitions\"",
                    "\"spark.sluice.state.joinLayoutVersion\":\"3\",\"spark.sql.shuffle.partitions\"");
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            java.nio.file.Files.writeString(offsets, body + String.format("\ncrc32=%08x\n", crc.getValue()));
        }
        Run run = new Run();
        run.addAtomically(FEEDS.get(0));
        Throwable failure = catchThrowable(() -> {
            StreamingQuery q = run.start(run.watermarkedImpressions().join(run.watermarkedClicks(), expr(RANGE),
                    "full_outer"), checkpoint.toString());
            run.addAtomically(FEEDS.get(1));
            q.processAllAvailable();
        });
        assertThat(failure).isNotNull();
        assertThat(failure.toString() + failure.getCause()).contains("SLUICE_CHECKPOINT.INCOMPATIBLE_STATE")
                .contains("operator 0 (symmetricHashJoin)").contains("spark.sluice.state.joinLayoutVersion")
                .contains("version 3");
        assertThat(run.out).isEmpty();
    }

    @Test
    void aJoinKeyWithEventTimeEvictsBothSidesByTheKey() throws Exception {
        Run run = new Run();
        Dataset<Row> joined = run.watermarkedImpressions().join(run.watermarkedClicks(),
                expr("adId = clickAdId AND impressionTime = clickTime"), "full_outer");
        StreamingQuery q = run.start(joined, null);
        run.add(q, feed(List.of(ad(1, "12:00"), ad(2, "12:05")), List.of(ad(1, "12:00"))));
        run.add(q, feed(List.of(ad(3, "12:40")), List.of(ad(3, "12:40"))));
        q.stop();
        // watermarks: min(12:05 - 10, 12:00 - 20) = 11:40, then min(12:30, 12:20) = 12:20: keys <= 12:20 go
        assertThat(run.out).containsExactly(
                Map.entry(0L, List.of("1 12:00 1 12:00")),
                Map.entry(1L, List.of()),
                Map.entry(2L, List.of("3 12:40 3 12:40")),
                Map.entry(3L, List.of("2 12:05 - -")));
        StateOperatorProgress last = q.lastProgress().stateOperators()[0];
        assertThat(last.numRowsRemoved()).isEqualTo(3);
        assertThat(last.numRowsTotal()).isEqualTo(2);
    }

    @Test
    void aTimeWindowJoinKeyIsEvictedOnceTheWindowEndsBeforeTheWatermark() throws Exception {
        Run run = new Run();
        Dataset<Row> imps = run.watermarkedImpressions().select(col("adId"),
                window(col("impressionTime"), "10 minutes").alias("w"));
        Dataset<Row> clicks = run.watermarkedClicks().select(col("clickAdId"),
                window(col("clickTime"), "10 minutes").alias("cw"));
        Dataset<Row> joined = imps.join(clicks, expr("adId = clickAdId AND w = cw"), "left_outer")
                .select(col("adId"), col("w.end").alias("end"), col("clickAdId"));
        StreamingQuery q = run.start(joined, null);
        run.add(q, feed(List.of(ad(1, "12:00"), ad(2, "12:05")), List.of(ad(1, "12:03"))));
        run.add(q, feed(List.of(ad(3, "12:40")), List.of(ad(3, "12:45"))));
        q.stop();
        // watermarks: min(12:05 - 10, 12:03 - 20) = 11:43, then min(12:30, 12:25) = 12:25 >= window end 12:10
        assertThat(run.out).containsExactly(
                Map.entry(0L, List.of("1 12:10 1")),
                Map.entry(1L, List.of()),
                Map.entry(2L, List.of("3 12:50 3")),
                Map.entry(3L, List.of("2 12:10 -")));
    }

    @Test
    void leftSemiJoinEmitsEachImpressionOnceOnItsFirstClick() throws Exception {
        Run run = new Run();
        Dataset<Row> joined = run.watermarkedImpressions().join(run.watermarkedClicks(), expr(RANGE), "left_semi");
        StreamingQuery q = run.start(joined, null);
        run.add(q, feed(List.of(ad(1, "12:00"), ad(2, "12:05")), List.of(ad(1, "12:10"), ad(1, "12:12"))));
        run.add(q, feed(List.of(), List.of(ad(2, "12:12"), ad(1, "12:14"))));
        q.stop();
        assertThat(run.out.get(0L)).containsExactly("1 12:00");
        assertThat(run.out.values().stream().flatMap(List::stream).toList()).containsExactlyInAnyOrder("1 12:00", "2 12:05");
    }

    private AnalysisException startFails(Dataset<Row> query, String outputMode) {
        Throwable t = catchThrowable(() -> query.writeStream().outputMode(outputMode).format("noop").start());
        assertThat(t).isInstanceOf(AnalysisException.class);
        return (AnalysisException) t;
    }

    @Test
    void invalidStreamStreamJoinsAreRejectedWithSparksMessages() {
        Run run = new Run();
        Dataset<Row> imps = run.impressions.toDF();
        Dataset<Row> clicks = run.clicks.toDF();
        String needsWatermark = " join between two streaming DataFrame/Datasets is not supported without a watermark"
                + " in the join keys, or a watermark on the nullable side and an appropriate range condition;\n";
        for (String type : List.of("left_outer", "left_semi", "right_outer", "full_outer")) {
            AnalysisException e = startFails(imps.join(clicks, expr(RANGE), type), "append");
            assertThat(e.getCondition()).isEqualTo("_LEGACY_ERROR_TEMP_3102");
            String name = Map.of("left_outer", "LeftOuter", "left_semi", "LeftSemi", "right_outer", "RightOuter",
                    "full_outer", "FullOuter").get(type);
            assertThat(e.getMessage()).as(type).startsWith("Stream-stream " + name + needsWatermark);
        }
        // the range bounds impressions by the clicks' watermark: a watermark on impressions alone is not enough
        assertThat(startFails(run.watermarkedImpressions().join(clicks, expr(RANGE), "left_outer"), "append")
                .getMessage()).startsWith("Stream-stream LeftOuter" + needsWatermark);
        assertThat(startFails(imps.join(clicks, expr(RANGE)), "update").getMessage()).startsWith("Join between two"
                + " streaming DataFrames/Datasets is not supported in Update output mode, only in Append output mode;\n");
        assertThat(startFails(imps.join(clicks, expr(RANGE), "left_anti"), "append").getMessage()).startsWith(
                "LeftAnti joins with a streaming DataFrame/Dataset on the right are not supported;\n");
        AnalysisException noKeys = startFails(imps.join(clicks, expr("clickTime >= impressionTime")), "append");
        assertThat(noKeys.getCondition()).isEqualTo("_LEGACY_ERROR_TEMP_1181");
        assertThat(noKeys.getMessage()).startsWith("Stream-stream join without equality predicate is not supported.;\n");
        // Spark turns a `<=>` key into coalesce/isnull keys, which are no watermarked columns: no eviction by it
        assertThat(startFails(run.watermarkedImpressions().join(run.watermarkedClicks(),
                expr("adId = clickAdId AND impressionTime <=> clickTime"), "full_outer"), "append").getMessage())
                .startsWith("Stream-stream FullOuter" + needsWatermark);
    }

    @Test
    void outerJoinsWithAWatermarkedJoinKeyOrAValidRangeStart() throws Exception {
        Run run = new Run();
        Dataset<Row> keyed = run.watermarkedImpressions().join(run.watermarkedClicks(),
                expr("adId = clickAdId AND impressionTime = clickTime"), "full_outer");
        run.start(keyed, null).stop();
        Dataset<Row> ranged = run.impressions.toDF().join(run.watermarkedClicks(), expr(RANGE), "left_outer");
        run.start(ranged, null).stop();
        // a right outer join preserves the clicks: their time is bounded by the impressions' watermark
        Dataset<Row> rightOuter = run.watermarkedImpressions().join(run.clicks.toDF(), expr(RANGE), "right_outer");
        run.start(rightOuter, null).stop();
    }

    /** Every joined row the run produced, whatever batch it came in, sorted. */
    private static List<String> joinedRows(Run run) {
        return run.out.values().stream().flatMap(List::stream).sorted().toList();
    }

    static Row nullAd(String hhmm) {
        return RowFactory.create(null, event("", hhmm).get(1));
    }

    @Test
    void aNullSafeKeyMatchesNullKeysAcrossBatchesAndRestarts() throws Exception {
        Run run = new Run();
        String checkpoint = dir.resolve("null-safe").toString();
        Dataset<Row> nullSafe = run.impressions.toDF().join(run.clicks.toDF(), expr("adId <=> clickAdId"));
        StreamingQuery q = run.start(nullSafe, checkpoint);
        run.add(q, feed(List.of(nullAd("12:00"), ad(1, "12:01")), List.of(nullAd("12:02"))));
        q.stop();
        // the stored NULL-keyed rows of both sides survive the restart and keep matching
        q = run.start(nullSafe, checkpoint);
        run.add(q, feed(List.of(nullAd("12:03")), List.of(nullAd("12:04"), ad(1, "12:05"))));
        q.stop();
        // (the two sides of a feed may arrive in one batch or two: the pairs, not their batches, are asserted)
        assertThat(joinedRows(run)).containsExactly("- 12:00 - 12:02", "- 12:00 - 12:04", "- 12:03 - 12:02",
                "- 12:03 - 12:04", "1 12:01 1 12:05");
        assertThat(q.lastProgress().stateOperators()[0].numRowsTotal()).isEqualTo(6);
        // with `=` a NULL key never matches, and an inner join does not even store such rows
        Run plain = new Run();
        StreamingQuery p = plain.start(plain.impressions.toDF().join(plain.clicks.toDF(), expr("adId = clickAdId")),
                null);
        plain.add(p, feed(List.of(nullAd("12:00"), ad(1, "12:01")), List.of(nullAd("12:02"), ad(1, "12:05"))));
        p.stop();
        assertThat(joinedRows(plain)).containsExactly("1 12:01 1 12:05");
        assertThat(p.lastProgress().stateOperators()[0].numRowsTotal()).isEqualTo(2);
    }

    @Test
    void anOuterJoinOnANullSafeKeyMatchesNullsInsteadOfPaddingThem() throws Exception {
        String nullSafeRange = RANGE.replace("clickAdId = adId", "clickAdId <=> adId");
        List<Feed> feeds = List.of(
                feed(List.of(nullAd("12:00"), ad(2, "12:05")), List.of(nullAd("12:10"), ad(4, "12:11"))),
                FEEDS.get(1));
        for (String condition : List.of(nullSafeRange, RANGE)) {
            Run run = new Run();
            StreamingQuery q = run.start(run.watermarkedImpressions().join(run.watermarkedClicks(), expr(condition),
                    "left_outer"), null);
            for (Feed f : feeds) {
                run.add(q, f);
            }
            q.stop();
            // the NULL impression matches the NULL click under <=>; under = it is padded once evicted
            if (condition.equals(nullSafeRange)) {
                assertThat(joinedRows(run)).containsExactly("- 12:00 - 12:10", "2 12:05 - -", "3 12:40 3 12:45");
            } else {
                assertThat(joinedRows(run)).containsExactly("- 12:00 - -", "2 12:05 - -", "3 12:40 3 12:45");
            }
        }
    }

    private StreamingQuery startLeftOuter(Run run, String checkpoint) throws Exception {
        return run.start(run.watermarkedImpressions().join(run.watermarkedClicks(), expr(RANGE), "left_outer"),
                checkpoint);
    }

    @Test
    void aJoinStoppedBetweenBatchesResumesFromItsCheckpoint() throws Exception {
        Map<Long, List<String>> uninterrupted = runOuter("left_outer", false);
        Run run = new Run();
        String checkpoint = dir.resolve("stop").toString();
        for (Feed f : FEEDS) {
            StreamingQuery q = startLeftOuter(run, checkpoint);
            run.add(q, f);
            q.stop();
        }
        // the last no-data batch runs in a new run too: the watermark came back from the offset log
        StreamingQuery last = startLeftOuter(run, checkpoint);
        last.processAllAvailable();
        last.stop();
        assertThat(run.out).isEqualTo(uninterrupted);
        try (var files = java.nio.file.Files.list(Path.of(checkpoint, "state", "0", "0"))) {
            boolean deltas = files.anyMatch(f -> f.getFileName().toString().endsWith(".delta"));
            assertThat(deltas).as("delta files: state written by the provider under test").isEqualTo(provider().equals("hdfs"));
        }
    }

    @Test
    void aCrashAfterTheStateCommitReRunsTheBatchWithoutLosingOrDuplicatingRows() throws Exception {
        Map<Long, List<String>> uninterrupted = runOuter("left_outer", false);
        Run run = new Run();
        String checkpoint = dir.resolve("crash").toString();
        spark.streams().setHooks(run.hooks(2));
        StreamingQuery first = startLeftOuter(run, checkpoint);
        run.add(first, FEEDS.get(0));
        run.addAtomically(FEEDS.get(1));
        assertThatThrownBy(first::processAllAvailable).isInstanceOf(StreamingQueryException.class)
                .hasMessageContaining("injected crash");
        spark.streams().setHooks(run.hooks(-1));
        StreamingQuery second = startLeftOuter(run, checkpoint);
        second.processAllAvailable();
        second.stop();
        assertThat(run.out).isEqualTo(uninterrupted);
    }
}
