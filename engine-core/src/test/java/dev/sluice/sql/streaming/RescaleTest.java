package dev.sluice.sql.streaming;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.session_window;
import static dev.sluice.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.java.function.MapGroupsWithStateFunction;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Encoders;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.connector.MemoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rescaling state on restart (issue 15, beyond Spark, which pins the state partitions to the first batch): a
 * query restarted with 2, then 8, then 1 {@code spark.sql.shuffle.partitions} moves its key-groups to the new
 * partitions and gives exactly the output of an uninterrupted run, for every stateful operator. The expected
 * rows are hand-computed from the small inputs below (20 keys, so that keys move between partitions), and the
 * same input is also run once without restarts. Subclasses re-run it with the RocksDB provider.
 */
class RescaleTest extends StatefulTestSupport {
    static final StructType KV = new StructType().add("k", DataTypes.StringType).add("v", DataTypes.LongType);
    static final List<String> PARTITIONS = List.of("2", "8", "1");
    static final int KEYS = 20;

    @TempDir
    Path dir;

    /** A query under test: its input streams, the Dataset over them and how one output row is printed. */
    interface Scenario {
        StreamingQuery start(String checkpoint, Map<Long, List<String>> out) throws Exception;

        /** Adds the input of batch {@code b}. */
        void feed(int b);
    }

    static StreamingQuery collect(Dataset<Row> ds, String mode, String checkpoint, Map<Long, List<String>> out,
                                  Function<Row, String> format) throws Exception {
        var writer = ds.writeStream().outputMode(mode);
        if (checkpoint != null) {
            writer = writer.option("checkpointLocation", checkpoint);
        }
        return writer.foreachBatch((Dataset<Row> batch, Long id) -> {
            List<String> rows = new ArrayList<>();
            batch.collectAsList().forEach(r -> rows.add(format.apply(r)));
            rows.sort(null);
            out.put(id, rows);
        }).start();
    }

    /** Runs the scenario's three batches with a restart (and another partition count) before each. */
    private Map<Long, List<String>> rescaled(Scenario scenario, String name) throws Exception {
        String checkpoint = dir.resolve(name).toString();
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        try {
            for (int b = 0; b < PARTITIONS.size(); b++) {
                spark.conf().set("spark.sql.shuffle.partitions", PARTITIONS.get(b));
                StreamingQuery q = scenario.start(checkpoint, out);
                scenario.feed(b);
                q.processAllAvailable();
                q.stop();
            }
        } finally {
            spark.conf().set("spark.sql.shuffle.partitions", "5");
        }
        // each run used (and recorded) its own partition count; the 8-partition run wrote 8 partition folders
        for (int b = 0; b < PARTITIONS.size(); b++) {
            assertThat(Files.readString(Path.of(checkpoint, "offsets", Integer.toString(b))))
                    .contains("\"spark.sql.shuffle.partitions\":\"" + PARTITIONS.get(b) + "\"");
        }
        try (Stream<Path> folders = Files.list(Path.of(checkpoint, "state", "0"))) {
            assertThat(folders.filter(Files::isDirectory).count()).isEqualTo(8);
        }
        return out;
    }

    /** The same batches in one run, without a checkpoint. */
    private Map<Long, List<String>> uninterrupted(Scenario scenario) throws Exception {
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery q = scenario.start(null, out);
        for (int b = 0; b < PARTITIONS.size(); b++) {
            scenario.feed(b);
            q.processAllAvailable();
        }
        q.stop();
        return out;
    }

    private void check(Function<Void, Scenario> scenario, String name, Map<Long, List<String>> expected)
            throws Exception {
        Map<Long, List<String>> rescaled = rescaled(scenario.apply(null), name);
        assertThat(rescaled).as(name + " rescaled 2 -> 8 -> 1").isEqualTo(expected);
        assertThat(uninterrupted(scenario.apply(null))).as(name + " uninterrupted").isEqualTo(expected);
    }

    private static List<String> keys(int from, int to, Function<Integer, String> row) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(row.apply(i));
        }
        out.sort(null);
        return out;
    }

    private static String key(int i) {
        return "k" + (char) ('a' + i);
    }

    @Test
    void anAggregationRescaledTwiceGivesTheSumsOfAnUninterruptedRun() throws Exception {
        check(unused -> new Scenario() {
            final MemoryStream input = MemoryStream.of(spark, KV);

            @Override
            public StreamingQuery start(String checkpoint, Map<Long, List<String>> out) throws Exception {
                return collect(input.toDF().groupBy("k").agg(sum("v")), "complete", checkpoint, out,
                        r -> r.getString(0) + "=" + r.getLong(1));
            }

            @Override
            public void feed(int b) {
                List<Row> rows = new ArrayList<>();
                for (int i = 0; i < KEYS; i++) {
                    rows.add(RowFactory.create(key(i), (long) i + 100L * b));
                }
                input.addData(rows);
            }
        }, "aggregation", Map.of(
                // key i gets i + 100 b in batch b: sums i, 2i + 100, 3i + 300 (ka=300 ... kt=357)
                0L, keys(0, KEYS, i -> key(i) + "=" + i),
                1L, keys(0, KEYS, i -> key(i) + "=" + (2 * i + 100)),
                2L, keys(0, KEYS, i -> key(i) + "=" + (3 * i + 300))));
    }

    @Test
    void aDeduplicationRescaledTwiceEmitsEachKeyOnce() throws Exception {
        check(unused -> new Scenario() {
            final MemoryStream input = MemoryStream.of(spark, KV);

            @Override
            public StreamingQuery start(String checkpoint, Map<Long, List<String>> out) throws Exception {
                return collect(input.toDF().dropDuplicates("k"), "append", checkpoint, out,
                        r -> r.getString(0) + "@" + r.getLong(1));
            }

            @Override
            public void feed(int b) {
                // batch b brings keys 5b .. 5b + 9 (tagged b): half of them seen before
                List<Row> rows = new ArrayList<>();
                for (int i = 5 * b; i < 5 * b + 10; i++) {
                    rows.add(RowFactory.create(key(i), (long) b));
                }
                input.addData(rows);
            }
        }, "dedup", Map.of(
                0L, keys(0, 10, i -> key(i) + "@0"),
                1L, keys(10, 15, i -> key(i) + "@1"),
                2L, keys(15, 20, i -> key(i) + "@2")));
    }

    @Test
    void sessionWindowsRescaledTwiceKeepMergingSessions() throws Exception {
        check(unused -> new Scenario() {
            final MemoryStream input = MemoryStream.of(spark, EVENTS);

            @Override
            public StreamingQuery start(String checkpoint, Map<Long, List<String>> out) throws Exception {
                Dataset<Row> sessions = input.toDF().withWatermark("ts", "10 minutes")
                        .groupBy(col("word"), session_window(col("ts"), "5 minutes")).count();
                return collect(sessions, "complete", checkpoint, out, SessionWindowStreamingTest::sessionRow);
            }

            @Override
            public void feed(int b) {
                List<Row> rows = new ArrayList<>();
                for (int i = 0; i < KEYS; i++) {
                    String at = b == 0 ? "12:00" : b == 1 ? "12:03" : i % 2 == 0 ? "12:20" : "12:07";
                    rows.add(event(key(i), at));
                }
                input.addData(rows);
            }
        }, "sessions", Map.of(
                // 12:00 and 12:03 merge (gap 5 min): 12:00-12:08; then odd keys extend it to 12:12, even keys
                // open a session at 12:20
                0L, keys(0, KEYS, i -> "12:00-12:05 " + key(i) + " 1"),
                1L, keys(0, KEYS, i -> "12:00-12:08 " + key(i) + " 2"),
                2L, sessionsAfterBatch2()));
    }

    private static List<String> sessionsAfterBatch2() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            if (i % 2 == 0) {
                out.add("12:00-12:08 " + key(i) + " 2");
                out.add("12:20-12:25 " + key(i) + " 1");
            } else {
                out.add("12:00-12:12 " + key(i) + " 3");
            }
        }
        out.sort(null);
        return out;
    }

    @Test
    void aStreamStreamJoinRescaledTwiceMatchesRowsBufferedBeforeEachRestart() throws Exception {
        check(unused -> new Scenario() {
            final MemoryStream left = MemoryStream.of(spark, KV);
            final MemoryStream right = MemoryStream.of(spark, KV);

            @Override
            public StreamingQuery start(String checkpoint, Map<Long, List<String>> out) throws Exception {
                Dataset<Row> r = right.toDF().withColumnRenamed("k", "k2").withColumnRenamed("v", "w");
                return collect(left.toDF().join(r, col("k").equalTo(col("k2"))), "append", checkpoint, out,
                        row -> row.getString(0) + ":" + row.getLong(1) + "-" + row.getLong(3));
            }

            @Override
            public void feed(int b) {
                // batch 0: left rows (v = 0); batch 1: right rows (w = 1) of the same keys; batch 2: left (v = 2)
                List<Row> rows = new ArrayList<>();
                for (int i = 0; i < KEYS; i++) {
                    rows.add(RowFactory.create(key(i), (long) b));
                }
                (b == 1 ? right : left).addData(rows);
            }
        }, "join", Map.of(
                0L, List.of(),
                1L, keys(0, KEYS, i -> key(i) + ":0-1"),
                2L, keys(0, KEYS, i -> key(i) + ":2-1")));
    }

    @Test
    void aCrashInTheBatchThatRescalesReRunsItFromTheOldPartitions() throws Exception {
        String checkpoint = dir.resolve("crash").toString();
        MemoryStream input = MemoryStream.of(spark, KV);
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        Function<String, StreamingQuery> start = partitions -> {
            spark.conf().set("spark.sql.shuffle.partitions", partitions);
            try {
                return collect(input.toDF().groupBy("k").agg(sum("v")), "complete", checkpoint, out,
                        r -> r.getString(0) + "=" + r.getLong(1));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        try {
            StreamingQuery q = start.apply("2");
            input.addData(List.of(RowFactory.create("ka", 1L), RowFactory.create("kb", 2L), RowFactory.create("kc", 3L)));
            q.processAllAvailable();
            q.stop();
            spark.streams().setHooks(new dev.sluice.stream.BatchHooks() {
                @Override
                public void afterStateCommit(long batchId) {
                    throw new IllegalStateException("injected crash after the state commit of batch " + batchId);
                }
            });
            StreamingQuery crashing = start.apply("8");
            input.addData(List.of(RowFactory.create("ka", 10L), RowFactory.create("kd", 4L)));
            org.assertj.core.api.Assertions.assertThatThrownBy(crashing::processAllAvailable)
                    .hasMessageContaining("injected crash");
            spark.streams().setHooks(dev.sluice.stream.BatchHooks.NONE);
            // the re-run keeps the 8 partitions batch 1 was planned with, whatever the session says now
            StreamingQuery rerun = start.apply("1");
            rerun.processAllAvailable();
            rerun.stop();
        } finally {
            spark.conf().set("spark.sql.shuffle.partitions", "5");
        }
        assertThat(out.get(1L)).containsExactly("ka=11", "kb=2", "kc=3", "kd=4");
        assertThat(Files.readString(Path.of(checkpoint, "offsets", "1")))
                .contains("\"spark.sql.shuffle.partitions\":\"8\"");
    }

    @Test
    void aSessionThatLeavesThePartitionsAtTheirDefaultKeepsTheRecordedCount() throws Exception {
        String checkpoint = dir.resolve("default").toString();
        MemoryStream input = MemoryStream.of(spark, KV);
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        try {
            spark.conf().set("spark.sql.shuffle.partitions", "2");
            for (int run = 0; run < 2; run++) {
                StreamingQuery q = collect(input.toDF().groupBy("k").agg(sum("v")), "complete", checkpoint, out,
                        r -> r.getString(0) + "=" + r.getLong(1));
                input.addData(List.of(RowFactory.create("ka", 1L)));
                q.processAllAvailable();
                q.stop();
                spark.conf().unset("spark.sql.shuffle.partitions"); // the default, 200, is not a request
            }
        } finally {
            spark.conf().set("spark.sql.shuffle.partitions", "5");
        }
        assertThat(out.get(1L)).containsExactly("ka=2");
        assertThat(Files.readString(Path.of(checkpoint, "offsets", "1")))
                .contains("\"spark.sql.shuffle.partitions\":\"2\"");
    }

    /** Running count per key, kept forever. */
    static final MapGroupsWithStateFunction<String, String, Long, String> COUNT = (key, values, state) -> {
        long count = state.getOption().orElse(0L);
        while (values.hasNext()) {
            values.next();
            count++;
        }
        state.update(count);
        return key + "=" + count;
    };

    @Test
    void groupsWithStateRescaledTwiceKeepsEveryKeysState() throws Exception {
        check(unused -> new Scenario() {
            final MemoryStream input = lines();

            @Override
            public StreamingQuery start(String checkpoint, Map<Long, List<String>> out) throws Exception {
                Dataset<String> counts = input.toDF().as(Encoders.STRING()).groupByKey(v -> v, Encoders.STRING())
                        .mapGroupsWithState(COUNT, Encoders.LONG(), Encoders.STRING());
                return collect(counts.toDF(), "update", checkpoint, out, r -> r.getString(0));
            }

            @Override
            public void feed(int b) {
                // batch 0: every key; batch 1: the first 10; batch 2: the first 5
                int n = b == 0 ? KEYS : b == 1 ? 10 : 5;
                input.addValues(Stream.iterate(0, i -> i + 1).limit(n).map(RescaleTest::key).toArray(String[]::new));
            }
        }, "groups", Map.of(
                0L, keys(0, KEYS, i -> key(i) + "=1"),
                1L, keys(0, 10, i -> key(i) + "=2"),
                2L, keys(0, 5, i -> key(i) + "=3")));
    }
}
