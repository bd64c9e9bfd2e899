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
 * Spark 4's {@code transformWithState}: value, list and map state, an initial state, restarts between batches
 * and with another partition count, crash recovery, the state metadata and data source ({@code stateVarName}),
 * batch Datasets and Spark's misuse errors (timers and TTL: {@link TransformWithStateTimersTest}). Every expected
 * output is computed by hand from the inputs; the running count and the initial-state load were also run on Spark
 * 4.1.1, which printed the same rows. Subclasses in engine-state re-run everything with RocksDB.
 */
class TransformWithStateTest extends TransformWithStateSupport {
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
