package dev.sluice.sql.streaming;

import static dev.sluice.sql.functions.col;
import static dev.sluice.sql.functions.from_json;
import static dev.sluice.sql.functions.session_window;
import static dev.sluice.sql.functions.struct;
import static dev.sluice.sql.functions.to_json;
import static dev.sluice.sql.functions.upper;
import static dev.sluice.sql.functions.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Encoders;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.connector.MemoryStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Trigger.RealTime}: every supported operator gives, for the same input arriving in the same pieces, the
 * rows and the final state of a micro-batch run (each piece is waited for with {@code processAllAvailable}, so the
 * pieces are the micro-batches and the real-time steps alike, and watermarks move at the same points); output is
 * visible before the epoch ends; a query switches between the triggers on one checkpoint. The expected values are
 * the micro-batch engine's, which the other streaming tests check against hand-computed and Spark's results.
 */
class RealTimeTriggerTest extends StatefulTestSupport {
    private static final AtomicInteger NAMES = new AtomicInteger();
    /** One epoch for the whole test: the epoch commits when the query stops. */
    private static final Trigger ONE_EPOCH = Trigger.RealTime("1 hour");

    @TempDir
    Path dir;

    @BeforeEach
    void allowShortIntervals() {
        spark.conf().set("spark.sql.streaming.realTimeMode.minBatchDuration", "0");
    }

    /** The sorted output rows and the sorted final state (operator 0's default store) of one run. */
    record Run(List<String> rows, List<String> state) {
    }

    private Run run(Function<MemoryStream, Dataset<?>> query, StructType schema, String mode, List<List<Row>> pieces,
                    Trigger trigger, Map<String, String> stateOptions) throws Exception {
        MemoryStream input = MemoryStream.of(spark, schema);
        String name = "rt_" + NAMES.incrementAndGet();
        Path checkpoint = dir.resolve(name);
        var writer = query.apply(input).writeStream().format("memory").queryName(name).outputMode(mode)
                .option("checkpointLocation", checkpoint.toString());
        if (trigger != null) {
            writer = writer.trigger(trigger);
        }
        StreamingQuery q = writer.start();
        for (List<Row> piece : pieces) {
            input.addData(piece);
            q.processAllAvailable();
        }
        List<String> rows = sorted(spark.table(name).collectAsList());
        q.stop();
        assertThat(q.exception().isEmpty()).isTrue();
        List<String> state = stateOptions == null ? List.of()
                : sorted(spark.read().format("statestore").options(stateOptions).load(checkpoint.toString())
                .collectAsList());
        return new Run(rows, state);
    }

    /** Runs {@code query} with micro-batches and in real time; both must give the same rows and state. */
    private Run sameAsMicroBatches(Function<MemoryStream, Dataset<?>> query, StructType schema, String mode,
                                   List<List<Row>> pieces, Map<String, String> stateOptions) throws Exception {
        Run microBatches = run(query, schema, mode, pieces, null, stateOptions);
        Run realTime = run(query, schema, mode, pieces, ONE_EPOCH, stateOptions);
        assertThat(realTime.rows()).isEqualTo(microBatches.rows());
        assertThat(realTime.state()).isEqualTo(microBatches.state());
        assertThat(realTime.rows()).isNotEmpty();
        return realTime;
    }

    private static final Map<String, String> DEFAULT_STORE = Map.of();

    @Test
    void projectionsFiltersAndJsonFunctions() throws Exception {
        StructType parsed = StructType.fromDDL("word STRING, ts TIMESTAMP");
        Run r = sameAsMicroBatches(in -> in.toDF().filter(col("word").notEqual("cat"))
                        .select(to_json(struct(upper(col("word")).as("word"), col("ts"))).as("json"))
                        .select(from_json(col("json"), parsed).as("e")).select("e.word", "e.ts"),
                EVENTS, "append", GUIDE_BATCHES, null);
        assertThat(r.rows()).hasSize(8).noneMatch(s -> s.contains("CAT"));
    }

    @Test
    void updateModeAggregationEmitsEachChangedKey() throws Exception {
        Run r = sameAsMicroBatches(in -> in.toDF().groupBy("word").count(), EVENTS, "update", GUIDE_BATCHES,
                DEFAULT_STORE);
        // one row per word changed by a piece: 2 + 2 + 3 + 2
        assertThat(r.rows()).hasSize(9).contains("[dog,3]", "[owl,4]", "[cat,2]", "[donkey,1]");
    }

    @Test
    void windowedAppendEmitsWhenTheWatermarkClosesAWindow() throws Exception {
        sameAsMicroBatches(this::windowedCounts, EVENTS, "append", GUIDE_BATCHES, DEFAULT_STORE);
    }

    @Test
    void slidingWindowsInUpdateMode() throws Exception {
        sameAsMicroBatches(this::windowedCounts, EVENTS, "update", GUIDE_BATCHES, DEFAULT_STORE);
    }

    @Test
    void sessionWindowsWithWatermark() throws Exception {
        List<List<Row>> pieces = new ArrayList<>(GUIDE_BATCHES);
        pieces.add(List.of(event("owl", "13:00"))); // moves the watermark past every session so far
        Run r = sameAsMicroBatches(in -> in.toDF().withWatermark("ts", "10 minutes")
                        .groupBy(session_window(col("ts"), "5 minutes"), col("word")).count(),
                EVENTS, "append", pieces, DEFAULT_STORE);
        assertThat(r.rows()).hasSizeGreaterThan(3);
    }

    @Test
    void dropDuplicatesWithAndWithinWatermark() throws Exception {
        List<List<Row>> pieces = new ArrayList<>(GUIDE_BATCHES);
        pieces.add(List.of(event("dog", "12:14"), event("dog", "12:30"), event("cat", "12:15")));
        sameAsMicroBatches(in -> in.toDF().withWatermark("ts", "10 minutes").dropDuplicates("word", "ts"),
                EVENTS, "append", pieces, DEFAULT_STORE);
        sameAsMicroBatches(in -> in.toDF().withWatermark("ts", "10 minutes").dropDuplicatesWithinWatermark("word"),
                EVENTS, "append", pieces, DEFAULT_STORE);
    }

    /** As in a micro-batch: a deduplication that sees a time column and its window fails in the first epoch. */
    @Test
    void aStatefulOperatorSeeingTwoEventTimeColumnsFailsInItsFirstEpoch() throws Exception {
        MemoryStream input = MemoryStream.of(spark, EVENTS);
        StreamingQuery q = input.toDF().withWatermark("ts", "10 minutes")
                .select(col("word"), col("ts"),
                        window(col("ts"), "10 minutes").as("w"))
                .dropDuplicates("word").writeStream().format("memory").queryName("twoTimes").outputMode("append")
                .option("checkpointLocation", dir.resolve("two-times").toString()).trigger(ONE_EPOCH).start();
        input.addData(event("dog", "12:07"));
        assertThatThrownBy(() -> q.awaitTermination(60_000)).isInstanceOf(StreamingQueryException.class)
                .cause().hasMessageStartingWith("More than one event time columns are available.");
    }

    @Test
    void streamStaticJoin() throws Exception {
        Dataset<Row> kinds = spark.createDataFrame(List.of(RowFactory.create("dog", "mammal"),
                RowFactory.create("owl", "bird"), RowFactory.create("cat", "mammal")),
                StructType.fromDDL("word STRING, kind STRING"));
        Run r = sameAsMicroBatches(in -> in.toDF().join(kinds, "word").groupBy("kind").count(), EVENTS, "update",
                GUIDE_BATCHES, DEFAULT_STORE);
        assertThat(r.rows()).contains("[bird,4]", "[mammal,5]");
    }

    @Test
    void mapGroupsWithState() throws Exception {
        List<List<Row>> pieces = List.of(List.of(RowFactory.create("a"), RowFactory.create("b")),
                List.of(RowFactory.create("a")), List.of(RowFactory.create("a"), RowFactory.create("b")));
        Run r = sameAsMicroBatches(in -> in.toDF().as(Encoders.STRING()).groupByKey(v -> v, Encoders.STRING())
                        .mapGroupsWithState(GroupStateTest.RUNNING_COUNT, Encoders.LONG(), Encoders.STRING()),
                LINES, "update", pieces, DEFAULT_STORE);
        assertThat(r.rows()).containsExactly("[a=1]", "[a=2]", "[a=3 removed]", "[b=1]", "[b=2]");
    }

    @Test
    void transformWithState() throws Exception {
        List<List<Row>> pieces = List.of(List.of(RowFactory.create("a:x"), RowFactory.create("b:y")),
                List.of(RowFactory.create("a:y")), List.of(RowFactory.create("a:reset"), RowFactory.create("b:y")));
        Run r = sameAsMicroBatches(in -> in.toDF().as(Encoders.STRING())
                        .groupByKey(TransformWithStateSupport::keyOf, Encoders.STRING())
                        .transformWithState(new TransformWithStateTest.Tracker(), TimeMode.None(), OutputMode.Update(),
                                Encoders.STRING()),
                LINES, "update", pieces, Map.of("stateVarName", "history"));
        assertThat(r.rows()).contains("[a cleared]");
    }

    @Test
    void streamStreamJoin() throws Exception {
        StructType clicks = StructType.fromDDL("cword STRING, cts TIMESTAMP");
        List<List<Row>> runs = new ArrayList<>();
        for (Trigger trigger : new Trigger[] {null, ONE_EPOCH}) {
            MemoryStream left = MemoryStream.of(spark, EVENTS);
            MemoryStream right = MemoryStream.of(spark, clicks);
            String name = "rt_join_" + NAMES.incrementAndGet();
            var writer = left.toDF().withWatermark("ts", "10 minutes")
                    .join(right.toDF().withWatermark("cts", "10 minutes"), col("word").equalTo(col("cword"))
                            .and(col("cts").geq(col("ts"))).and(col("cts").leq(col("ts").plus(
                                    dev.sluice.sql.functions.expr("INTERVAL 5 MINUTES")))))
                    .writeStream().format("memory").queryName(name)
                    .option("checkpointLocation", dir.resolve(name).toString());
            if (trigger != null) {
                writer = writer.trigger(trigger);
            }
            StreamingQuery q = writer.start();
            for (List<Row> piece : GUIDE_BATCHES) {
                left.addData(piece);
                List<Row> clicked = new ArrayList<>();
                for (Row e : piece) {
                    clicked.add(RowFactory.create(e.getString(0), new java.sql.Timestamp(
                            ((java.sql.Timestamp) e.get(1)).getTime() + 60_000)));
                }
                right.addData(clicked);
                q.processAllAvailable();
            }
            runs.add(spark.table(name).collectAsList());
            q.stop();
            assertThat(q.exception().isEmpty()).isTrue();
        }
        assertThat(sorted(runs.get(1))).isEqualTo(sorted(runs.get(0))).isNotEmpty();
    }

    @Test
    void outputIsVisibleBeforeTheEpochCommits() throws Exception {
        MemoryStream input = MemoryStream.of(spark, EVENTS);
        Path checkpoint = dir.resolve("visible");
        StreamingQuery q = input.toDF().groupBy("word").count().writeStream().format("memory").queryName("visible")
                .outputMode("update").option("checkpointLocation", checkpoint.toString()).trigger(ONE_EPOCH).start();
        input.addData(event("dog", "12:00"), event("dog", "12:01"));
        q.processAllAvailable();
        assertThat(sorted(spark.table("visible").collectAsList())).containsExactly("[dog,2]");
        input.addData(event("dog", "12:02"), event("cat", "12:02"));
        q.processAllAvailable();
        assertThat(sorted(spark.table("visible").collectAsList())).containsExactly("[cat,1]", "[dog,2]", "[dog,3]");
        // the epoch is still open: nothing of it is in the checkpoint yet
        assertThat(checkpoint.resolve("offsets/0")).doesNotExist();
        assertThat(q.recentProgress()).isEmpty();
        q.stop();
        assertThat(checkpoint.resolve("offsets/0")).exists();
        assertThat(checkpoint.resolve("commits/0")).exists();
        assertThat(q.lastProgress().numInputRows()).isEqualTo(4);
    }

    @Test
    void aQuerySwitchesBetweenMicroBatchesAndRealTimeOnOneCheckpoint() throws Exception {
        Function<MemoryStream, Dataset<?>> query = this::windowedCounts;
        Run uninterrupted = run(query, EVENTS, "update", GUIDE_BATCHES, null, DEFAULT_STORE);

        MemoryStream input = MemoryStream.of(spark, EVENTS);
        Path checkpoint = dir.resolve("switch");
        List<String> rows = new ArrayList<>();
        Trigger[] triggers = {null, Trigger.RealTime(150), ONE_EPOCH, Trigger.ProcessingTime(0)};
        for (int i = 0; i < GUIDE_BATCHES.size(); i++) {
            String name = "switch_" + i;
            var writer = windowedCounts(input).writeStream().format("memory").queryName(name).outputMode("update")
                    .option("checkpointLocation", checkpoint.toString());
            if (triggers[i] != null) {
                writer = writer.trigger(triggers[i]);
            }
            StreamingQuery q = writer.start();
            input.addData(GUIDE_BATCHES.get(i));
            q.processAllAvailable();
            if (i == 1) {
                Thread.sleep(400); // some epochs of 150 ms end (idle ones are not recorded)
            }
            rows.addAll(sorted(spark.table(name).collectAsList()));
            q.stop();
            assertThat(q.exception().isEmpty()).isTrue();
        }
        rows.sort(null);
        assertThat(rows).isEqualTo(uninterrupted.rows());
        List<String> state = sorted(spark.read().format("statestore").load(checkpoint.toString()).collectAsList());
        assertThat(state).isEqualTo(uninterrupted.state());
    }

    @Test
    void whatRealTimeModeCannotRunFailsAtStartWithSparksErrorClasses() {
        MemoryStream input = MemoryStream.of(spark, EVENTS);
        assertThatThrownBy(() -> input.toDF().limit(3).writeStream().format("memory").queryName("limited")
                .trigger(ONE_EPOCH).start())
                .isInstanceOf(AnalysisException.class)
                .hasFieldOrPropertyWithValue("condition", "STREAMING_REAL_TIME_MODE.OPERATOR_OR_SINK_NOT_IN_ALLOWLIST")
                .hasMessageContaining("Streaming real-time mode has the following limitation: The operator(s): Limit"
                        + " not in the operator allowlist for Real-Time Mode.")
                .hasMessageContaining("Operators allowed in Sluice's real-time mode: Project, Filter");
        assertThatThrownBy(() -> input.toDF().groupBy("word").count().writeStream().format("memory")
                .queryName("complete").outputMode("complete").trigger(ONE_EPOCH).start())
                .hasFieldOrPropertyWithValue("condition", "STREAMING_REAL_TIME_MODE.OUTPUT_MODE_NOT_SUPPORTED")
                .hasMessageContaining("The output mode complete is not supported.");
        assertThatThrownBy(() -> input.toDF().writeStream().foreachBatch((Dataset<Row> ds, Long id) -> { })
                .trigger(ONE_EPOCH).start())
                .hasFieldOrPropertyWithValue("condition", "STREAMING_REAL_TIME_MODE.SINK_NOT_SUPPORTED")
                .hasMessageContaining("The foreachBatch sink is currently not supported.")
                .hasMessageContaining("kafka, console, memory, foreach, noop");
        // a source without real-time delivery fails in start() itself, before any source is created
        assertThatThrownBy(() -> spark.readStream().format("rate-micro-batch").option("rowsPerBatch", 1).load()
                .writeStream().format("memory").queryName("rate_per_batch").trigger(ONE_EPOCH).start())
                .isInstanceOf(AnalysisException.class)
                .hasFieldOrPropertyWithValue("condition", "STREAMING_REAL_TIME_MODE.INPUT_STREAM_NOT_SUPPORTED")
                .hasMessage("[STREAMING_REAL_TIME_MODE.INPUT_STREAM_NOT_SUPPORTED] Streaming real-time mode has the"
                        + " following limitation: The input stream rate-micro-batch is not supported in Real-time"
                        + " Mode. Sources that support Sluice's real-time mode: kafka, socket, rate, MemoryStream,"
                        + " nexmark. SQLSTATE: 0A000");
        spark.conf().unset("spark.sql.streaming.realTimeMode.minBatchDuration");
        assertThatThrownBy(() -> input.toDF().writeStream().format("memory").queryName("short")
                .trigger(Trigger.RealTime("1 second")).start())
                .hasFieldOrPropertyWithValue("condition", "INVALID_STREAMING_REAL_TIME_MODE_TRIGGER_INTERVAL")
                .hasMessage("[INVALID_STREAMING_REAL_TIME_MODE_TRIGGER_INTERVAL] The real-time trigger interval is set to"
                        + " 1000 ms. This is less than the 5000 ms minimum specified by"
                        + " spark.sql.streaming.realTimeMode.minBatchDuration. SQLSTATE: 22023");
        assertThat(spark.streams().active()).isEmpty();
    }

    @Test
    void theNextEpochRunsWhileThePreviousOneIsCommitted() throws Exception {
        // the provider of the test class; RocksDB's sealing is in the providers' contract test (engine-state)
        Run microBatches = run(in -> in.toDF().groupBy("word").count(), EVENTS, "update", GUIDE_BATCHES, null,
                DEFAULT_STORE);
        java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<String> writerThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
        spark.streams().setHooks(new dev.sluice.stream.BatchHooks() {
            @Override
            public void afterStateCommit(long batchId) {
                if (batchId == 0) {
                    writerThreads.add(Thread.currentThread().getName());
                    writing.countDown();
                    try {
                        release.await(60, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        dev.sluice.stream.ManualClock clock = new dev.sluice.stream.ManualClock(1_000_000);
        spark.streams().setClock(clock);
        MemoryStream input = MemoryStream.of(spark, EVENTS);
        String name = "overlap";
        Path checkpoint = dir.resolve(name);
        StreamingQuery q = input.toDF().groupBy("word").count().writeStream().format("memory").queryName(name)
                .outputMode("update").option("checkpointLocation", checkpoint.toString())
                .trigger(Trigger.RealTime(1000)).start();
        input.addData(GUIDE_BATCHES.get(0));
        q.processAllAvailable();
        clock.advance(1000); // epoch 0 ends: sealed, its state written by the committer, held before commits/0
        assertThat(writing.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(writerThreads).allMatch(t -> t.startsWith("real-time-commit-"));
        input.addData(GUIDE_BATCHES.get(1));
        q.processAllAvailable(); // epoch 1 runs the piece against the state epoch 0 sealed
        assertThat(spark.table(name).collectAsList()).hasSize(2 + 2);
        assertThat(checkpoint.resolve("commits/0")).doesNotExist();
        assertThat(checkpoint.resolve("offsets/1")).doesNotExist();
        release.countDown();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!java.nio.file.Files.exists(checkpoint.resolve("commits/0")) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(checkpoint.resolve("commits/0")).exists();
        for (List<Row> piece : GUIDE_BATCHES.subList(2, GUIDE_BATCHES.size())) {
            input.addData(piece);
            q.processAllAvailable();
        }
        List<String> rows = sorted(spark.table(name).collectAsList());
        q.stop(); // ends epoch 1; the query ends once its commit is durable
        assertThat(q.exception().isEmpty()).isTrue();
        assertThat(checkpoint.resolve("commits/1")).exists();
        assertThat(rows).isEqualTo(microBatches.rows());
        assertThat(sorted(spark.read().format("statestore").load(checkpoint.toString()).collectAsList()))
                .isEqualTo(microBatches.state());
        spark.streams().setHooks(dev.sluice.stream.BatchHooks.NONE);
    }

    @Test
    void theTriggerHasSparksFactoriesAndText() {
        assertThat(Trigger.RealTime()).isEqualTo(Trigger.RealTime(5, java.util.concurrent.TimeUnit.MINUTES));
        assertThat(Trigger.RealTime("10 seconds").intervalMs()).isEqualTo(10_000);
        assertThat(Trigger.RealTime(250)).hasToString("RealTimeTrigger(250)");
        assertThat(Trigger.RealTime(250).kind()).isEqualTo(Trigger.Kind.REAL_TIME);
    }


    @Test
    void anEpochCrashedBeforeItsCommitLogIsReplayedOnceFromItsLoggedOffsets() throws Exception {
        Run uninterrupted = run(in -> in.toDF().groupBy("word").count(), EVENTS, "update", GUIDE_BATCHES, null,
                DEFAULT_STORE);
        MemoryStream input = MemoryStream.of(spark, EVENTS);
        Path checkpoint = dir.resolve("crash");
        crashAfterStateCommit(0);
        StreamingQuery first = input.toDF().groupBy("word").count().writeStream().format("memory")
                .queryName("crash_0").outputMode("update").option("checkpointLocation", checkpoint.toString())
                .trigger(ONE_EPOCH).start();
        input.addData(GUIDE_BATCHES.get(0));
        first.processAllAvailable();
        input.addData(GUIDE_BATCHES.get(1));
        first.processAllAvailable();
        first.stop(); // ends epoch 0: offsets, sink, state written, then the injected crash before commits/0
        assertThat(first.exception().get()).hasMessageContaining("injected crash after the state commit of batch 0");
        assertThat(checkpoint.resolve("offsets/0")).exists();
        assertThat(checkpoint.resolve("commits/0")).doesNotExist();

        spark.streams().setHooks(dev.sluice.stream.BatchHooks.NONE);
        StreamingQuery second = input.toDF().groupBy("word").count().writeStream().format("memory")
                .queryName("crash_1").outputMode("update").option("checkpointLocation", checkpoint.toString())
                .trigger(ONE_EPOCH).start();
        second.processAllAvailable(); // the logged epoch 0 runs again as one batch over its two pieces
        input.addData(GUIDE_BATCHES.get(2));
        second.processAllAvailable();
        input.addData(GUIDE_BATCHES.get(3));
        second.processAllAvailable();
        List<String> rows = sorted(spark.table("crash_1").collectAsList());
        second.stop();
        assertThat(second.exception().isEmpty()).isTrue();
        // the replay counted each record of epoch 0 once: the final counts are the uninterrupted run's
        assertThat(sorted(spark.read().format("statestore").load(checkpoint.toString()).collectAsList()))
                .isEqualTo(uninterrupted.state());
        assertThat(rows).contains("[dog,3]", "[owl,4]", "[cat,2]", "[donkey,1]", "[dog,2]");
        assertThat(second.recentProgress()[0].batchId()).isZero();
        assertThat(second.recentProgress()[0].numInputRows()).isEqualTo(4);
    }

}
