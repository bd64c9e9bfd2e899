package dev.sluice.sql.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Encoders;
import dev.sluice.sql.KeyValueGroupedDataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.SluiceException;
import dev.sluice.stream.ManualClock;
import dev.sluice.stream.connector.MemoryStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark 4's {@code transformWithState}: value, list and map state, processing- and event-time timers, TTL, an
 * initial state, restarts between batches, the state data source's {@code stateVarName} and Spark's misuse
 * errors. Every expected output is computed by hand from the inputs and the rules in the comments (Spark's:
 * a processing-time timer fires in the first batch whose processing time is at or after it, an event-time
 * timer once the batch's eviction watermark is; a TTL value is gone from the batch whose processing time is at
 * or after its expiry). Subclasses in engine-state re-run everything with RocksDB.
 */
class TransformWithStateTest extends StatefulTestSupport {
    static final long T0 = 1_700_000_000_000L;
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** "a:x" has key "a". */
    static String keyOf(String s) {
        return s.substring(0, s.indexOf(':'));
    }

    /** Per key: a running count (value state), the values seen (list state) and a count per value (map state). */
    static final class Tracker extends StatefulProcessor<String, String, String> {
        private transient ValueState<Long> count;
        private transient ListState<String> history;
        private transient MapState<String, Long> perValue;

        @Override
        public void init(OutputMode outputMode, TimeMode timeMode) {
            count = getHandle().getValueState("count", Encoders.LONG(), TTLConfig.NONE());
            history = getHandle().getListState("history", Encoders.STRING(), TTLConfig.NONE());
            perValue = getHandle().getMapState("perValue", Encoders.STRING(), Encoders.LONG(), TTLConfig.NONE());
        }

        @Override
        public Iterator<String> handleInputRows(String key, Iterator<String> rows, TimerValues timerValues) {
            while (rows.hasNext()) {
                String v = rows.next().substring(key.length() + 1);
                if (v.equals("reset")) {
                    count.clear();
                    history.clear();
                    perValue.clear();
                    continue;
                }
                count.update(count.exists() ? count.get() + 1 : 1);
                history.appendValue(v);
                perValue.updateValue(v, perValue.containsKey(v) ? perValue.getValue(v) + 1 : 1);
            }
            if (!count.exists()) {
                assertThat(history.exists()).isFalse();
                assertThat(perValue.exists()).isFalse();
                return List.of(key + " cleared").iterator();
            }
            List<String> seen = new ArrayList<>();
            history.get().forEachRemaining(seen::add);
            List<String> entries = new ArrayList<>();
            perValue.iterator().forEachRemaining(e -> entries.add(e.getKey() + "=" + e.getValue()));
            return List.of(key + " count=" + count.get() + " history=" + seen + " perValue={"
                    + String.join(", ", entries) + "}").iterator();
        }
    }

    private KeyValueGroupedDataset<String, String> grouped(MemoryStream input) {
        return input.toDF().as(Encoders.STRING()).groupByKey(TransformWithStateTest::keyOf, Encoders.STRING());
    }

    private Dataset<String> tracked(MemoryStream input) {
        return grouped(input).transformWithState(new Tracker(), TimeMode.None(), OutputMode.Update(),
                Encoders.STRING());
    }

    static final List<List<String>> TRACKER_BATCHES = List.of(
            List.of("a:x", "b:y", "a:y"),
            List.of("a:x"),
            List.of("b:z", "b:y", "a:reset"),
            List.of("a:q"));

    static final Map<Long, List<String>> TRACKER_OUTPUT = Map.of(
            0L, List.of("a count=2 history=[x, y] perValue={x=1, y=1}", "b count=1 history=[y] perValue={y=1}"),
            1L, List.of("a count=3 history=[x, y, x] perValue={x=2, y=1}"),
            2L, List.of("a cleared", "b count=3 history=[y, z, y] perValue={y=2, z=1}"),
            3L, List.of("a count=1 history=[q] perValue={q=1}"));

    static <T> StreamingQuery start(Dataset<T> ds, String mode, String checkpoint, Map<Long, List<String>> out,
                                    Trigger trigger, boolean sorted) throws Exception {
        return GroupStateTest.collect(ds, mode, checkpoint, out, trigger, r -> String.valueOf(r.get(0)), sorted);
    }

    @Test
    void valueListAndMapStateKeepAPerKeyHistoryAcrossBatches() throws Exception {
        MemoryStream input = lines();
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery q = start(tracked(input), "update", null, out, null, true);
        for (List<String> batch : TRACKER_BATCHES) {
            input.addValues(batch.toArray());
            q.processAllAvailable();
        }
        assertThat(out).isEqualTo(TRACKER_OUTPUT);
        StateOperatorProgress op = q.lastProgress().stateOperators()[0];
        assertThat(op.operatorName()).isEqualTo("transformWithStateExec");
        // as Spark 4.1.1 counts them (same input, RocksDB provider): a value or a list is one row, a map one per
        // entry: count a, b + history a, b + perValue a {q}, b {y, z}
        assertThat(op.numRowsTotal()).isEqualTo(7);
        assertThat(op.numRowsUpdated()).isEqualTo(3); // a:q wrote a's count, history and perValue
        assertThat(op.customMetrics()).containsEntry("numValueStateVars", 1L).containsEntry("numListStateVars", 1L)
                .containsEntry("numMapStateVars", 1L);
    }

    @Test
    void aRestartBetweenEveryBatchGivesTheSameOutputAsOneRun() throws Exception {
        String checkpoint = dir.resolve("tracker").toString();
        MemoryStream input = lines();
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        for (List<String> batch : TRACKER_BATCHES) {
            StreamingQuery q = start(tracked(input), "update", checkpoint, out, null, true);
            input.addValues(batch.toArray());
            q.processAllAvailable();
            q.stop();
        }
        assertThat(out).isEqualTo(TRACKER_OUTPUT);
    }

    @Test
    void aCrashAfterTheStateCommitReRunsTheBatchOnce() throws Exception {
        String checkpoint = dir.resolve("crash").toString();
        MemoryStream input = lines();
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        crashAfterStateCommit(1);
        StreamingQuery first = start(tracked(input), "update", checkpoint, out, null, true);
        input.addValues(TRACKER_BATCHES.get(0).toArray());
        first.processAllAvailable();
        input.addValues(TRACKER_BATCHES.get(1).toArray());
        assertThatThrownBy(first::processAllAvailable).isInstanceOf(StreamingQueryException.class)
                .hasMessageContaining("injected crash");
        spark.streams().setHooks(dev.sluice.stream.BatchHooks.NONE);
        StreamingQuery second = start(tracked(input), "update", checkpoint, out, null, true);
        second.processAllAvailable();
        for (List<String> batch : TRACKER_BATCHES.subList(2, 4)) {
            input.addValues(batch.toArray());
            second.processAllAvailable();
        }
        assertThat(out).isEqualTo(TRACKER_OUTPUT); // batch 1 re-ran from the state of batch 0: a counted 3, not 4
    }

    @Test
    void stateVariablesAreRecordedInTheMetadataAndReadableByName() throws Exception {
        String checkpoint = dir.resolve("source").toString();
        MemoryStream input = lines();
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery q = start(tracked(input), "update", checkpoint, out, null, true);
        for (List<String> batch : TRACKER_BATCHES.subList(0, 2)) {
            input.addValues(batch.toArray());
            q.processAllAvailable();
        }
        q.stop();
        var metadata = dev.sluice.stream.state.OperatorStateMetadata.read(Path.of(checkpoint), 0).orElseThrow();
        assertThat(metadata.operatorName()).isEqualTo("transformWithStateExec");
        assertThat(metadata.stores()).extracting(s -> s.name() + " " + s.valueSchema().simpleString())
                .containsExactly("count struct<value:struct<value:bigint>>",
                        "history struct<list_element:struct<value:string>>",
                        "perValue struct<user_map_key:struct<value:string>,user_map_value:struct<value:bigint>>");
        assertThat(read(checkpoint, "count", r -> key(r) + "=" + ((Row) r.get(1)).getLong(0)))
                .containsExactly("a=3", "b=1");
        assertThat(read(checkpoint, "history", r -> key(r) + "=" + ((Row) r.get(1)).getString(0)))
                .containsExactly("a=x", "a=x", "a=y", "b=y");
        assertThat(read(checkpoint, "perValue", r -> key(r) + " " + ((Row) r.get(1)).getString(0) + "="
                + ((Row) r.get(2)).getLong(0))).containsExactly("a x=2", "a y=1", "b y=1");
        Dataset<Row> history = spark.read().format("statestore").option("stateVarName", "history").load(checkpoint);
        assertThat(history.columns()).containsExactly("key", "list_element", "partition_id");
        assertThatThrownBy(() -> spark.read().format("statestore").load(checkpoint))
                .isInstanceOf(SluiceException.class).hasMessageContaining("set stateVarName to one of [count,"
                        + " history, perValue]");
        assertThatThrownBy(() -> spark.read().format("statestore").option("stateVarName", "nope").load(checkpoint))
                .hasMessageContaining("STDS_INVALID_OPTION_VALUE");
    }

    private static String key(Row r) {
        return ((Row) r.get(0)).getString(0);
    }

    private List<String> read(String checkpoint, String var, java.util.function.Function<Row, String> format) {
        List<String> rows = new ArrayList<>();
        spark.read().format("statestore").option("stateVarName", var).load(checkpoint).collectAsList()
                .forEach(r -> rows.add(format.apply(r)));
        rows.sort(null);
        return rows;
    }

    @Test
    void aBatchDatasetRunsTheProcessorOnceOverAllRows() {
        Dataset<String> result = spark.createDataset(TRACKER_BATCHES.get(0), Encoders.STRING())
                .groupByKey(TransformWithStateTest::keyOf, Encoders.STRING())
                .transformWithState(new Tracker(), TimeMode.None(), OutputMode.Update(), Encoders.STRING());
        List<String> rows = new ArrayList<>(result.collectAsList());
        rows.sort(null);
        assertThat(rows).isEqualTo(TRACKER_OUTPUT.get(0L));
    }

    /** Per key: the sum of an initial state and the number of input rows. */
    static final class CountFromInitial extends StatefulProcessorWithInitialState<String, String, String, Long> {
        private transient ValueState<Long> count;

        @Override
        public void init(OutputMode outputMode, TimeMode timeMode) {
            count = getHandle().getValueState("count", Encoders.LONG(), TTLConfig.NONE());
        }

        @Override
        public void handleInitialState(String key, Long initial, TimerValues timerValues) {
            count.update(count.exists() ? count.get() + initial : initial);
        }

        @Override
        public Iterator<String> handleInputRows(String key, Iterator<String> rows, TimerValues timerValues) {
            long n = count.exists() ? count.get() : 0;
            while (rows.hasNext()) {
                rows.next();
                n++;
            }
            count.update(n);
            return List.of(key + "=" + n).iterator();
        }
    }

    @Test
    void anInitialStateIsLoadedInTheFirstBatchOnly() throws Exception {
        String checkpoint = dir.resolve("initial").toString();
        MemoryStream input = lines();
        Supplier<Dataset<String>> query = () -> {
            KeyValueGroupedDataset<String, Long> initial = spark.createDataset(List.of("a:10", "b:5", "a:1"),
                    Encoders.STRING()).groupByKey(TransformWithStateTest::keyOf, Encoders.STRING())
                    .mapValues(s -> Long.parseLong(s.substring(2)), Encoders.LONG());
            return grouped(input).transformWithState(new CountFromInitial(), TimeMode.None(), OutputMode.Update(),
                    initial, Encoders.STRING(), Encoders.LONG());
        };
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery q = start(query.get(), "update", checkpoint, out, null, true);
        input.addValues("a:", "c:");
        q.processAllAvailable();
        input.addValues("b:");
        q.processAllAvailable();
        q.stop();
        StreamingQuery again = start(query.get(), "update", checkpoint, out, null, true);
        input.addValues("a:");
        again.processAllAvailable();
        // a: 10 + 1 (two initial rows), then one row each batch; b: 5 + 1; c: no initial state
        assertThat(out).isEqualTo(Map.of(0L, List.of("a=12", "c=1"), 1L, List.of("b=6"), 2L, List.of("a=13")));
    }

    /** Sessions closed 30 s (processing time) after a user's last batch with events. */
    static final class Sessions extends StatefulProcessor<String, String, String> {
        private transient ValueState<Long> events;
        private transient ValueState<Long> deadline;

        @Override
        public void init(OutputMode outputMode, TimeMode timeMode) {
            events = getHandle().getValueState("events", Encoders.LONG(), TTLConfig.NONE());
            deadline = getHandle().getValueState("deadline", Encoders.LONG(), TTLConfig.NONE());
        }

        @Override
        public Iterator<String> handleInputRows(String user, Iterator<String> rows, TimerValues timerValues) {
            long n = events.exists() ? events.get() : 0;
            while (rows.hasNext()) {
                rows.next();
                n++;
            }
            events.update(n);
            if (deadline.exists()) {
                getHandle().deleteTimer(deadline.get());
            }
            long at = timerValues.getCurrentProcessingTimeInMs() + 30_000;
            getHandle().registerTimer(at);
            deadline.update(at);
            List<Long> timers = new ArrayList<>();
            getHandle().listTimers().forEachRemaining(timers::add);
            assertThat(timers).containsExactly(at);
            return List.of(user + " " + n + " open").iterator();
        }

        @Override
        public Iterator<String> handleExpiredTimer(String user, TimerValues timerValues, ExpiredTimerInfo info) {
            String line = user + " " + events.get() + " closed at +" + (info.getExpiryTimeInMs() - T0) / 1000 + "s in the"
                    + " batch of +" + (timerValues.getCurrentProcessingTimeInMs() - T0) / 1000 + "s";
            events.clear();
            deadline.clear();
            return List.of(line).iterator();
        }
    }

    private Dataset<String> sessions(MemoryStream input) {
        return grouped(input).transformWithState(new Sessions(), TimeMode.ProcessingTime(), OutputMode.Update(),
                Encoders.STRING());
    }

    /** Input per 10 s trigger from T0: batch i runs at T0 + 10 s * i. */
    static final List<List<String>> SESSION_BATCHES = List.of(List.of("alice:", "bob:"), List.of("alice:"), List.of(),
            List.of(), List.of(), List.of());

    static final Map<Long, List<String>> SESSION_OUTPUT = Map.of(
            0L, List.of("alice 1 open", "bob 1 open"),   // timers at +30 s
            1L, List.of("alice 2 open"),                 // alice's timer moves to +40 s
            2L, List.of(),
            3L, List.of("bob 1 closed at +30s in the batch of +30s"),
            4L, List.of("alice 2 closed at +40s in the batch of +40s"),
            5L, List.of());

    @Test
    void processingTimeTimersCloseSessionsOnTheTriggerClock() throws Exception {
        ManualClock clock = new ManualClock(T0);
        spark.streams().setClock(clock);
        MemoryStream input = lines();
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        input.addValues(SESSION_BATCHES.get(0).toArray());
        StreamingQuery q = start(sessions(input), "update", null, out, Trigger.ProcessingTime("10 seconds"), true);
        clock.awaitWaiter(T0 + 10_000, 5_000);
        for (int i = 1; i < SESSION_BATCHES.size(); i++) {
            input.addValues(SESSION_BATCHES.get(i).toArray());
            clock.advance(10_000);
            clock.awaitWaiter(T0 + (i + 1) * 10_000L, 5_000);
        }
        q.stop();
        assertThat(out).isEqualTo(SESSION_OUTPUT);
        assertThat(q.lastProgress().stateOperators()[0].numRowsTotal()).isZero();
    }

    @Test
    void timersSurviveARestartBetweenEveryBatch() throws Exception {
        ManualClock clock = new ManualClock(T0);
        spark.streams().setClock(clock);
        String checkpoint = dir.resolve("sessions").toString();
        MemoryStream input = lines();
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        for (int i = 0; i < SESSION_BATCHES.size(); i++) {
            clock.setTime(T0 + i * 10_000L);
            input.addValues(SESSION_BATCHES.get(i).toArray());
            StreamingQuery q = start(sessions(input), "update", checkpoint, out, Trigger.ProcessingTime("10 seconds"),
                    true);
            clock.awaitWaiter(T0 + (i + 1) * 10_000L, 5_000);
            q.stop();
            if (i == 1) { // the timers after batch 1, as the state data source reads them
                assertThat(read(checkpoint, "$procTimers_keyToTimestamp", r -> key(r) + " +"
                        + (r.getLong(1) - T0) / 1000 + "s")).containsExactly("alice +40s", "bob +30s");
            }
        }
        assertThat(out).isEqualTo(SESSION_OUTPUT);
    }

    /** Emits each id the first time it is seen within 30 s (processing time) of its last emission. */
    static final class Dedup extends StatefulProcessor<String, String, String> {
        private transient ValueState<Boolean> seen;

        @Override
        public void init(OutputMode outputMode, TimeMode timeMode) {
            seen = getHandle().getValueState("seen", Encoders.BOOLEAN(), new TTLConfig(Duration.ofSeconds(30)));
        }

        @Override
        public Iterator<String> handleInputRows(String id, Iterator<String> rows, TimerValues timerValues) {
            if (seen.exists()) {
                return Collections.emptyIterator();
            }
            seen.update(true);
            return List.of(id).iterator();
        }
    }

    @Test
    void aDeduplicatorForgetsIdsWhenTheirTtlExpires() throws Exception {
        ManualClock clock = new ManualClock(T0);
        spark.streams().setClock(clock);
        MemoryStream input = lines();
        Dataset<String> ids = grouped(input).transformWithState(new Dedup(), TimeMode.ProcessingTime(),
                OutputMode.Append(), Encoders.STRING());
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        List<List<String>> batches = List.of(List.of("a:", "b:"), List.of("a:", "c:"), List.of(), List.of("a:"),
                List.of("c:"));
        input.addValues(batches.get(0).toArray());
        StreamingQuery q = start(ids, "append", null, out, Trigger.ProcessingTime("10 seconds"), true);
        clock.awaitWaiter(T0 + 10_000, 5_000);
        for (int i = 1; i < batches.size(); i++) {
            input.addValues(batches.get(i).toArray());
            clock.advance(10_000);
            clock.awaitWaiter(T0 + (i + 1) * 10_000L, 5_000);
        }
        q.stop();
        // a and b expire at +30 s, c at +40 s; a again at +60 s, c again at +70 s
        assertThat(out).isEqualTo(Map.of(0L, List.of("a", "b"), 1L, List.of("c"), 2L, List.of(), 3L, List.of("a"),
                4L, List.of("c")));
        Map<Long, StreamingQueryProgress> progress = new TreeMap<>();
        for (StreamingQueryProgress p : q.recentProgress()) {
            progress.put(p.batchId(), p);
        }
        // the pass at the end of batch 3 removes b (a was written again); batch 4 rewrites c, removes nothing
        assertThat(progress.get(3L).stateOperators()[0].customMetrics())
                .containsEntry("numValuesRemovedDueToTTLExpiry", 1L);
        assertThat(progress.get(3L).stateOperators()[0].numRowsTotal()).isEqualTo(2);
        assertThat(progress.get(3L).stateOperators()[0].numRowsUpdated()).isEqualTo(1); // a
        assertThat(progress.get(3L).stateOperators()[0].numRowsRemoved()).isEqualTo(1); // b, by its TTL
        assertThat(progress.get(4L).stateOperators()[0].customMetrics())
                .containsEntry("numValuesRemovedDueToTTLExpiry", 0L);
    }

    /** Registers a timer 5 minutes after each event; reports the timers as they fire. */
    static final class Reminders extends StatefulProcessor<String, Row, String> {
        @Override
        public void init(OutputMode outputMode, TimeMode timeMode) {
        }

        @Override
        public Iterator<String> handleInputRows(String word, Iterator<Row> rows, TimerValues timerValues) {
            while (rows.hasNext()) {
                getHandle().registerTimer(((java.sql.Timestamp) rows.next().get(1)).getTime() + 300_000);
            }
            return Collections.emptyIterator();
        }

        @Override
        public Iterator<String> handleExpiredTimer(String word, TimerValues timerValues, ExpiredTimerInfo info) {
            return List.of(word + " " + HH_MM.format(Instant.ofEpochMilli(info.getExpiryTimeInMs())) + " watermark "
                    + HH_MM.format(Instant.ofEpochMilli(timerValues.getCurrentWatermarkInMs()))).iterator();
        }
    }

    @Test
    void eventTimeTimersFireInTimeOrderOnceTheWatermarkPassesThem() throws Exception {
        MemoryStream input = MemoryStream.of(spark, EVENTS);
        Dataset<String> fired = input.toDF().withWatermark("ts", "10 minutes")
                .groupByKey(r -> r.getString(0), Encoders.STRING())
                .transformWithState(new Reminders(), TimeMode.EventTime(), OutputMode.Append(), Encoders.STRING());
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery q = start(fired, "append", null, out, null, false);
        List<List<Row>> batches = List.of(
                List.of(event("dog", "12:00"), event("cat", "12:01"), event("dog", "12:02")), // timers 12:05 12:06 12:07
                List.of(event("owl", "12:20")),    // watermark 12:10 after it: the three timers fire
                List.of(event("cat", "11:59")));   // behind the watermark: dropped, no timer
        for (List<Row> batch : batches) {
            input.addData(batch);
            q.processAllAvailable();
        }
        List<String> all = new ArrayList<>();
        out.values().forEach(all::addAll);
        assertThat(all).containsExactly("dog 12:05 watermark 12:10", "cat 12:06 watermark 12:10",
                "dog 12:07 watermark 12:10");
        assertThat(q.lastProgress().stateOperators()[0].numRowsDroppedByWatermark()).isEqualTo(1);
        assertThat(q.lastProgress().stateOperators()[0].numRowsTotal()).isZero(); // timers are not state rows (Spark)
    }

    @Test
    void restartsWithAnotherPartitionCountMoveTheStateByKeyGroup() throws Exception {
        String checkpoint = dir.resolve("rescale").toString();
        MemoryStream input = lines();
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        List<String> partitions = List.of("2", "8", "1");
        try {
            for (int b = 0; b < partitions.size(); b++) {
                spark.conf().set("spark.sql.shuffle.partitions", partitions.get(b));
                StreamingQuery q = start(tracked(input), "update", checkpoint, out, null, true);
                List<String> rows = new ArrayList<>();
                for (int k = 0; k < 20; k++) {
                    rows.add("k" + k + ":v" + b);
                }
                input.addValues(rows.toArray());
                q.processAllAvailable();
                q.stop();
            }
        } finally {
            spark.conf().set("spark.sql.shuffle.partitions", "5");
        }
        // every key got one value per batch: v0, then v1, then v2
        for (int b = 0; b < partitions.size(); b++) {
            List<String> history = new ArrayList<>();
            List<String> counts = new ArrayList<>();
            for (int i = 0; i <= b; i++) {
                history.add("v" + i);
                counts.add("v" + i + "=1");
            }
            List<String> expected = new ArrayList<>();
            for (int k = 0; k < 20; k++) {
                expected.add("k" + k + " count=" + (b + 1) + " history=" + history + " perValue={"
                        + String.join(", ", counts) + "}");
            }
            expected.sort(null);
            assertThat(out.get((long) b)).as("batch %d", b).isEqualTo(expected);
        }
    }

    /** Declares "count" with another type than {@link Tracker}. */
    static final class TextCount extends StatefulProcessor<String, String, String> {
        @Override
        public void init(OutputMode outputMode, TimeMode timeMode) {
            getHandle().getValueState("count", Encoders.STRING(), TTLConfig.NONE());
        }

        @Override
        public Iterator<String> handleInputRows(String key, Iterator<String> rows, TimerValues timerValues) {
            return Collections.emptyIterator();
        }
    }

    /** Declares "count" as a list, where {@link Tracker} has a value. */
    static final class CountList extends StatefulProcessor<String, String, String> {
        @Override
        public void init(OutputMode outputMode, TimeMode timeMode) {
            getHandle().getListState("count", Encoders.LONG(), TTLConfig.NONE());
        }

        @Override
        public Iterator<String> handleInputRows(String key, Iterator<String> rows, TimerValues timerValues) {
            return Collections.emptyIterator();
        }
    }

    @Test
    void theMetadataRecordsSparksOperatorPropertiesAndARestartChecksThem() throws Exception {
        String checkpoint = dir.resolve("properties").toString();
        MemoryStream input = lines();
        StreamingQuery q = start(tracked(input), "update", checkpoint, new TreeMap<>(), null, true);
        input.addValues("a:x");
        q.processAllAvailable();
        q.stop();
        List<Row> operators = spark.read().format("state-metadata").load(checkpoint).collectAsList();
        assertThat(operators).extracting(r -> r.getString(2)).containsExactly("count", "history", "perValue");
        assertThat(operators.get(0).getString(6)).isEqualTo("{\"timeMode\":\"NoTime\",\"outputMode\":\"Update\","
                + "\"stateVariables\":[{\"stateName\":\"count\",\"stateVariableType\":\"ValueState\",\"ttlEnabled\":false},"
                + "{\"stateName\":\"history\",\"stateVariableType\":\"ListState\",\"ttlEnabled\":false},"
                + "{\"stateName\":\"perValue\",\"stateVariableType\":\"MapState\",\"ttlEnabled\":false}]}");
        Dataset<String> append = grouped(input).transformWithState(new Tracker(), TimeMode.None(),
                OutputMode.Append(), Encoders.STRING());
        assertThatThrownBy(() -> start(append, "append", checkpoint, new TreeMap<>(), null, true))
                .hasMessage("[STATE_STORE_INVALID_CONFIG_AFTER_RESTART] Cannot change outputMode from Update to Append"
                        + " between restarts. Please set outputMode to Update, or restart with a new checkpoint"
                        + " directory. SQLSTATE: 42K06");
        Dataset<String> list = grouped(input).transformWithState(new CountList(), TimeMode.None(),
                OutputMode.Update(), Encoders.STRING());
        assertThatThrownBy(() -> start(list, "update", checkpoint, new TreeMap<>(), null, true))
                .hasMessage("[STATE_STORE_INVALID_VARIABLE_TYPE_CHANGE] Cannot change count to ListState between"
                        + " query restarts. Please set count to ValueState, or restart with a new checkpoint directory."
                        + " SQLSTATE: 42K06");
    }

    @Test
    void aRestartChecksTheLayoutOfEachStateVariable() throws Exception {
        String checkpoint = dir.resolve("evolve").toString();
        MemoryStream input = lines();
        StreamingQuery q = start(tracked(input), "update", checkpoint, new TreeMap<>(), null, true);
        input.addValues("a:x");
        q.processAllAvailable();
        q.stop();
        Dataset<String> changed = grouped(input).transformWithState(new TextCount(), TimeMode.None(),
                OutputMode.Update(), Encoders.STRING());
        assertThatThrownBy(() -> start(changed, "update", checkpoint, new TreeMap<>(), null, true)
                .processAllAvailable())
                .hasMessageContaining("STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE")
                .hasMessageContaining("store count");
    }

    /** Keeps a value per key in "current" and, before version 2, also in "old". */
    static final class Versioned extends StatefulProcessor<String, String, String> {
        private final boolean dropOld;
        private transient ValueState<String> current;
        private transient ValueState<String> old;

        Versioned(boolean dropOld) {
            this.dropOld = dropOld;
        }

        @Override
        public void init(OutputMode outputMode, TimeMode timeMode) {
            current = getHandle().getValueState("current", Encoders.STRING(), TTLConfig.NONE());
            if (dropOld) {
                getHandle().deleteIfExists("old");
            } else {
                old = getHandle().getValueState("old", Encoders.STRING(), TTLConfig.NONE());
            }
        }

        @Override
        public Iterator<String> handleInputRows(String key, Iterator<String> rows, TimerValues timerValues) {
            QueryInfo info = getHandle().getQueryInfo();
            while (rows.hasNext()) {
                String v = rows.next();
                current.update(v);
                if (old != null) {
                    old.update(v);
                }
            }
            return List.of(key + " batch " + info.getBatchId() + " " + info.getQueryId() + " " + info.getRunId())
                    .iterator();
        }
    }

    @Test
    void deleteIfExistsDropsAVariableOfAnEarlierVersionAndQueryInfoNamesTheBatch() throws Exception {
        String checkpoint = dir.resolve("versions").toString();
        MemoryStream input = lines();
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery first = start(grouped(input).transformWithState(new Versioned(false), TimeMode.None(),
                OutputMode.Update(), Encoders.STRING()), "update", checkpoint, out, null, true);
        input.addValues("a:1", "b:1");
        first.processAllAvailable();
        first.stop();
        assertThat(first.lastProgress().stateOperators()[0].numRowsTotal()).isEqualTo(4); // current and old of a, b
        StreamingQuery second = start(grouped(input).transformWithState(new Versioned(true), TimeMode.None(),
                OutputMode.Update(), Encoders.STRING()), "update", checkpoint, out, null, true);
        input.addValues("a:2");
        second.processAllAvailable();
        StateOperatorProgress op = second.lastProgress().stateOperators()[0];
        assertThat(op.numRowsTotal()).isEqualTo(2); // current of a and b: old is gone
        assertThat(op.customMetrics()).containsEntry("numDeletedStateVars", 1L);
        assertThat(out.get(0L)).containsExactly("a batch 0 " + first.id() + " " + first.runId(),
                "b batch 0 " + first.id() + " " + first.runId());
        assertThat(out.get(1L)).containsExactly("a batch 1 " + second.id() + " " + second.runId());
        assertThat(second.id()).isEqualTo(first.id());
    }

    /** An event, reported when its timer fires, with the timer's time as its event time. */
    public record Due(String word, java.sql.Timestamp at) {
    }

    /** Like {@link Reminders}, output with an event-time column. */
    static final class DueReminders extends StatefulProcessor<String, Row, Due> {
        private final long shiftMs;

        /** @param shiftMs added to the emitted event times (negative: emits rows behind the watermark) */
        DueReminders(long shiftMs) {
            this.shiftMs = shiftMs;
        }

        @Override
        public void init(OutputMode outputMode, TimeMode timeMode) {
        }

        @Override
        public Iterator<Due> handleInputRows(String word, Iterator<Row> rows, TimerValues timerValues) {
            while (rows.hasNext()) {
                getHandle().registerTimer(((java.sql.Timestamp) rows.next().get(1)).getTime() + 300_000);
            }
            return Collections.emptyIterator();
        }

        @Override
        public Iterator<Due> handleExpiredTimer(String word, TimerValues timerValues, ExpiredTimerInfo info) {
            return List.of(new Due(word, new java.sql.Timestamp(info.getExpiryTimeInMs() + shiftMs))).iterator();
        }
    }

    @Test
    void anEventTimeColumnNameCarriesEventTimeAfterTheOperator() throws Exception {
        MemoryStream input = MemoryStream.of(spark, EVENTS);
        Dataset<Due> due = input.toDF().withWatermark("ts", "10 minutes")
                .groupByKey(r -> r.getString(0), Encoders.STRING())
                .transformWithState(new DueReminders(0), "at", OutputMode.Append(), Encoders.bean(Due.class));
        var delays = dev.sluice.plan.logical.EventTimeColumns.of(due.logicalPlan());
        assertThat(dev.sluice.plan.logical.EventTimeColumns.find(due.logicalPlan().output(), delays).name())
                .isEqualTo("at");
        assertThat(delays.values()).containsExactly(600_000L);
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery q = start(due.toDF().selectExpr("concat(word, ' ', date_format(at, 'HH:mm'))"), "append",
                null, out, null, false);
        input.addData(List.of(event("dog", "12:00")));
        q.processAllAvailable();
        input.addData(List.of(event("owl", "12:20")));
        q.processAllAvailable();
        List<String> all = new ArrayList<>();
        out.values().forEach(all::addAll);
        assertThat(all).containsExactly("dog 12:05"); // 12:05 is after the late-events watermark of its batch (11:50)
        q.stop();

        // a timer at 12:05 reported 20 minutes earlier (11:45) is behind the late-events watermark 11:50
        MemoryStream again = MemoryStream.of(spark, EVENTS);
        Dataset<Due> late = again.toDF().withWatermark("ts", "10 minutes")
                .groupByKey(r -> r.getString(0), Encoders.STRING())
                .transformWithState(new DueReminders(-1_200_000), "at", OutputMode.Append(), Encoders.bean(Due.class));
        StreamingQuery failing = start(late.toDF().selectExpr("word"), "append", null, new TreeMap<>(), null, false);
        again.addData(List.of(event("dog", "12:00")));
        failing.processAllAvailable();
        again.addData(List.of(event("owl", "12:20")));
        assertThatThrownBy(failing::processAllAvailable).hasMessageContaining(
                "[EMITTING_ROWS_OLDER_THAN_WATERMARK_NOT_ALLOWED] Previous node emitted a row with eventTime=")
                .hasMessageContaining("which is older than current_watermark_value=");

        assertThatThrownBy(() -> lines().toDF().groupByKey(r -> r.getString(0), Encoders.STRING())
                .transformWithState(new DueReminders(0), "at", OutputMode.Append(), Encoders.bean(Due.class)))
                .hasMessage("[CANNOT_ASSIGN_EVENT_TIME_COLUMN_WITHOUT_WATERMARK] Watermark needs to be defined to"
                        + " reassign event time column. Failed to find watermark definition in the streaming query."
                        + " SQLSTATE: 42611");
    }

    /** Runs a query over one row of input and returns the Sluice error it fails with. */
    private SluiceException failure(StatefulProcessor<String, String, String> processor, TimeMode mode) {
        MemoryStream input = lines();
        Dataset<String> ds = grouped(input).transformWithState(processor, mode, OutputMode.Update(), Encoders.STRING());
        try {
            StreamingQuery q = start(ds, "update", null, new TreeMap<>(), null, true);
            input.addValues("a:x");
            q.processAllAvailable();
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SluiceException s && s.getCondition() != null
                        && !s.getCondition().equals("STREAM_FAILED")) {
                    return s;
                }
            }
            throw new AssertionError("no Sluice error class in " + e, e);
        }
        throw new AssertionError("the query did not fail");
    }

    /** A processor whose init and input handling run the given actions. */
    static final class Misuse extends StatefulProcessor<String, String, String> {
        private final java.util.function.Consumer<Misuse> onInit;
        private final java.util.function.Consumer<Misuse> onInput;
        transient ValueState<Long> count;

        Misuse(java.util.function.Consumer<Misuse> onInit, java.util.function.Consumer<Misuse> onInput) {
            this.onInit = onInit;
            this.onInput = onInput;
        }

        @Override
        public void init(OutputMode outputMode, TimeMode timeMode) {
            count = getHandle().getValueState("count", Encoders.LONG(), TTLConfig.NONE());
            onInit.accept(this);
        }

        @Override
        public Iterator<String> handleInputRows(String key, Iterator<String> rows, TimerValues timerValues) {
            onInput.accept(this);
            return Collections.emptyIterator();
        }
    }

    @Test
    void misuseFailsWithSparksErrorClasses() {
        java.util.function.Consumer<Misuse> nothing = p -> { };
        assertThat(failure(new Misuse(nothing, p -> p.getHandle().getValueState("late", Encoders.LONG(),
                TTLConfig.NONE())), TimeMode.None()).getMessage()).isEqualTo(
                "[STATEFUL_PROCESSOR_CANNOT_PERFORM_OPERATION_WITH_INVALID_HANDLE_STATE] Failed to perform stateful"
                + " processor operation=get_value_state with invalid handle state=INITIALIZED. SQLSTATE: 42802");
        assertThat(failure(new Misuse(nothing, p -> p.getHandle().registerTimer(1)), TimeMode.None()).getMessage())
                .isEqualTo("[STATEFUL_PROCESSOR_CANNOT_PERFORM_OPERATION_WITH_INVALID_TIME_MODE] Failed to perform"
                        + " stateful processor operation=register_timer with invalid timeMode=NoTime SQLSTATE: 42802");
        assertThat(failure(new Misuse(p -> p.count.exists(), nothing), TimeMode.None()).getMessage()).isEqualTo(
                "[STATEFUL_PROCESSOR_CANNOT_PERFORM_OPERATION_WITH_INVALID_HANDLE_STATE] Failed to perform stateful"
                + " processor operation=count.exists with invalid handle state=PRE_INIT. SQLSTATE: 42802");
        assertThat(failure(new Misuse(p -> p.getHandle().registerTimer(1), nothing), TimeMode.ProcessingTime())
                .getMessage()).contains("operation=register_timer with invalid handle state=PRE_INIT");
        assertThat(failure(new Misuse(p -> p.getHandle().getValueState("count", Encoders.LONG(), TTLConfig.NONE()),
                nothing), TimeMode.None()).getMessage()).isEqualTo("[STATEFUL_PROCESSOR_DUPLICATE_STATE_VARIABLE_DEFINED]"
                + " State variable with name count has already been defined in the StatefulProcessor. SQLSTATE: 42802");
        assertThat(failure(new Misuse(p -> p.getHandle().getValueState("seen", Encoders.LONG(),
                new TTLConfig(Duration.ofMinutes(1))), nothing), TimeMode.EventTime()).getMessage()).isEqualTo(
                "[STATEFUL_PROCESSOR_INCORRECT_TIME_MODE_TO_ASSIGN_TTL] Cannot use TTL for state=seen in"
                + " timeMode=EventTime, use TimeMode.ProcessingTime() instead. SQLSTATE: 42802");
        assertThat(failure(new Misuse(p -> p.getHandle().getValueState("seen", Encoders.LONG(),
                new TTLConfig(Duration.ofMinutes(-1))), nothing), TimeMode.ProcessingTime()).getCondition())
                .isEqualTo("STATEFUL_PROCESSOR_TTL_DURATION_MUST_BE_POSITIVE");
        assertThat(failure(new Misuse(p -> p.getHandle().getListState("$timers", Encoders.LONG(), TTLConfig.NONE()),
                nothing), TimeMode.None()).getCondition())
                .isEqualTo("STATE_STORE_CANNOT_CREATE_COLUMN_FAMILY_WITH_RESERVED_CHARS");
        assertThat(failure(new Misuse(nothing, p -> p.count.update(null)), TimeMode.None()).getCondition())
                .isEqualTo("ILLEGAL_STATE_STORE_VALUE.NULL_VALUE");
        SluiceException thrown = failure(new Misuse(nothing, p -> {
            throw new IllegalArgumentException("bad row");
        }), TimeMode.None());
        assertThat(thrown.getMessage()).isEqualTo("[TRANSFORM_WITH_STATE_USER_FUNCTION_ERROR] An error occurred in"
                + " the user-defined function handleInputRows of the StatefulProcessor. Reason: bad row. SQLSTATE: 39000");
        assertThatThrownBy(() -> new Tracker().getHandle()).isInstanceOf(SluiceException.class)
                .hasMessageContaining("STATE_STORE_HANDLE_NOT_INITIALIZED");
        assertThatThrownBy(() -> grouped(lines()).transformWithState(new Tracker(), TimeMode.None(),
                OutputMode.Complete(), Encoders.STRING())).isInstanceOf(IllegalArgumentException.class);
    }
}
