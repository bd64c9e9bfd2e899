package dev.sluice.sql.streaming;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.expr;
import static dev.sluice.sql.functions.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.Sluice;
import dev.sluice.sql.SluiceSession;
import dev.sluice.stream.BatchHooks;
import dev.sluice.stream.connector.MemoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property: the two join state layouts ({@code spark.sluice.state.joinLayoutVersion} 1, Spark's one entry per row,
 * and 2, a key's rows in blocks) are the same join: over random rows (random keys, event times, late rows), batches
 * that move the watermarks forward or not, and stops and restarts from the checkpoint after random batches, both
 * give the same output rows batch for batch, and the {@code statestore} source shows the same state (both sides'
 * rows, keyToNumValues and keyWithIndexToValue with their indexes and matched flags); for inner, left outer and
 * right outer joins with a time range, and inner and left outer joins on a time window in the key. Subclass in
 * engine-state: the same with RocksDB.
 */
class JoinStateLayoutPropertyTest {
    private static final SluiceSession SPARK = Sluice.builder().master("local[2]")
            .config("spark.sql.session.timeZone", "UTC").config("spark.sql.shuffle.partitions", "3").getOrCreate();
    private static final String RANGE = "clickAdId = adId AND clickTime >= impressionTime"
            + " AND clickTime <= impressionTime + interval 15 minutes";
    private static final List<String> JOINS = List.of("inner range", "left_outer range", "right_outer range",
            "inner window", "left_outer window");

    String provider() {
        return "hdfs";
    }

    /** One batch: impressions and clicks as (ad id, minutes after 12:00), and whether the query restarts after it. */
    record Feed(List<int[]> impressions, List<int[]> clicks, boolean restartAfter) {
        @Override
        public String toString() {
            return describe(impressions) + " / " + describe(clicks) + (restartAfter ? " (restart)" : "");
        }

        private static String describe(List<int[]> rows) {
            return rows.stream().map(r -> r[0] + "@" + r[1]).toList().toString();
        }
    }

    @Property(tries = 25)
    void bothLayoutsGiveTheSameRowsAndTheSameStateView(@ForAll("joins") String join,
                                                       @ForAll("feeds") List<Feed> feeds) throws Exception {
        Result v1 = run("1", join, feeds);
        Result v2 = run("2", join, feeds);
        assertThat(v2.out).as("output by batch").isEqualTo(v1.out);
        assertThat(v2.state).as("statestore views").isEqualTo(v1.state);
    }

    @Provide
    Arbitrary<String> joins() {
        return Arbitraries.of(JOINS);
    }

    @Provide
    Arbitrary<List<Feed>> feeds() {
        // times grow with the batch (watermarks move) but wander back too (late rows, rows of old windows)
        Arbitrary<int[]> row = Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 90)).as((k, m) -> new int[] {k, m});
        Arbitrary<Feed> feed = Combinators.combine(row.list().ofMaxSize(6), row.list().ofMaxSize(6),
                Arbitraries.integers().between(0, 3)).as((i, c, r) -> new Feed(i, c, r == 0));
        return feed.list().ofMinSize(1).ofMaxSize(5).map(fs -> {
            List<Feed> out = new ArrayList<>();
            for (int b = 0; b < fs.size(); b++) {
                int shift = b * 20;
                Feed f = fs.get(b);
                out.add(new Feed(shifted(f.impressions(), shift), shifted(f.clicks(), shift), f.restartAfter()));
            }
            return out;
        });
    }

    private static List<int[]> shifted(List<int[]> rows, int minutes) {
        return rows.stream().map(r -> new int[] {r[0], r[1] + minutes}).toList();
    }

    private record Result(Map<Long, List<String>> out, List<String> state) {
    }

    private Result run(String layout, String join, List<Feed> feeds) throws Exception {
        Path checkpoint = Files.createTempDirectory("join-layout");
        SPARK.conf().set("spark.sql.streaming.stateStore.providerClass", provider());
        SPARK.conf().set("spark.sluice.state.joinLayoutVersion", layout);
        MemoryStream impressions = MemoryStream.of(SPARK, StreamStreamJoinTest.IMPRESSIONS);
        MemoryStream clicks = MemoryStream.of(SPARK, StreamStreamJoinTest.CLICKS);
        ReentrantLock feeding = new ReentrantLock();
        SPARK.streams().setHooks(new BatchHooks() {
            @Override
            public <T> T aroundLatestOffsets(java.util.function.Supplier<T> askSources) {
                feeding.lock();
                try {
                    return askSources.get();
                } finally {
                    feeding.unlock();
                }
            }
        });
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        try {
            Dataset<Row> joined = query(join, impressions, clicks);
            StreamingQuery q = start(joined, checkpoint, out);
            for (Feed f : feeds) {
                feeding.lock();
                try {
                    if (!f.impressions().isEmpty()) {
                        impressions.addData(rows(f.impressions()));
                    }
                    if (!f.clicks().isEmpty()) {
                        clicks.addData(rows(f.clicks()));
                    }
                } finally {
                    feeding.unlock();
                }
                q.processAllAvailable();
                if (f.restartAfter()) {
                    q.stop();
                    q = start(joined, checkpoint, out);
                }
            }
            q.stop();
            SPARK.conf().unset("spark.sluice.state.joinLayoutVersion"); // the default again for the state reads
            List<String> state = new ArrayList<>();
            if (!out.isEmpty()) {
                assertThat(Files.readString(checkpoint.resolve("offsets/0")))
                        .contains("\"spark.sluice.state.joinLayoutVersion\":\"" + layout + "\"");
                for (String side : List.of("left", "right")) {
                    state.add(side + " " + rowsOf(SPARK.read().format("statestore").option("joinSide", side)
                            .load(checkpoint.toString())));
                    for (String store : List.of("-keyToNumValues", "-keyWithIndexToValue")) {
                        state.add(side + store + " " + rowsOf(SPARK.read().format("statestore")
                                .option("storeName", side + store).load(checkpoint.toString())));
                    }
                }
            }
            return new Result(out, state);
        } finally {
            SPARK.conf().unset("spark.sluice.state.joinLayoutVersion");
            SPARK.conf().unset("spark.sql.streaming.stateStore.providerClass");
            SPARK.streams().setHooks(BatchHooks.NONE);
        }
    }

    private static Dataset<Row> query(String join, MemoryStream impressions, MemoryStream clicks) {
        Dataset<Row> imps = impressions.toDF().withWatermark("impressionTime", "10 minutes");
        Dataset<Row> clk = clicks.toDF().withWatermark("clickTime", "20 minutes");
        String type = join.substring(0, join.indexOf(' '));
        if (join.endsWith("range")) {
            return imps.join(clk, expr(RANGE), type);
        }
        // the window carries the event time; the rows' own times ride along as plain numbers
        return imps.select(col("adId"), window(col("impressionTime"), "10 minutes").alias("w"),
                        expr("cast(impressionTime as long)").alias("its"))
                .join(clk.select(col("clickAdId"), window(col("clickTime"), "10 minutes").alias("cw"),
                        expr("cast(clickTime as long)").alias("cts")), expr("adId = clickAdId AND w = cw"), type)
                .select(col("adId"), col("w.end").alias("end"), col("its"), col("clickAdId"), col("cts"));
    }

    private static StreamingQuery start(Dataset<Row> joined, Path checkpoint, Map<Long, List<String>> out)
            throws Exception {
        return joined.writeStream().option("checkpointLocation", checkpoint.toString())
                .foreachBatch((Dataset<Row> ds, Long id) -> {
                    List<String> rows = new ArrayList<>();
                    ds.collectAsList().forEach(r -> rows.add(r.toString()));
                    rows.sort(null);
                    out.put(id, rows);
                }).start();
    }

    private static List<Row> rows(List<int[]> rows) {
        List<Row> out = new ArrayList<>();
        for (int[] r : rows) {
            out.add(RowFactory.create(r[0], Timestamp.from(Instant.parse("2024-01-01T12:00:00Z")
                    .plusSeconds(60L * r[1]))));
        }
        return out;
    }

    private static List<String> rowsOf(Dataset<Row> df) {
        return StreamingTestSupport.sorted(df.select("key", "value").collectAsList());
    }
}
