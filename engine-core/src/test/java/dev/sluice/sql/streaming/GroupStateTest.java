package dev.sluice.sql.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.java.function.FlatMapGroupsWithStateFunction;
import dev.sluice.api.java.function.MapGroupsWithStateFunction;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Encoders;
import dev.sluice.sql.Row;
import dev.sluice.stream.ManualClock;
import dev.sluice.stream.connector.MemoryStream;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code groupByKey(...).[flat]MapGroupsWithState(...)} on streams: state across batches, timeouts, restarts. */
class GroupStateTest extends StatefulTestSupport {
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    /** Running count per word; a word's state is removed when its count reaches 3 (the output says so). */
    static final MapGroupsWithStateFunction<String, String, Long, String> RUNNING_COUNT = (word, values, state) -> {
        long count = state.getOption().orElse(0L);
        while (values.hasNext()) {
            values.next();
            count++;
        }
        if (count >= 3) {
            state.remove();
            return word + "=" + count + " removed";
        }
        state.update(count);
        return word + "=" + count;
    };

    private Dataset<String> runningCounts(MemoryStream input) {
        return input.toDF().as(Encoders.STRING()).groupByKey(v -> v, Encoders.STRING())
                .mapGroupsWithState(RUNNING_COUNT, Encoders.LONG(), Encoders.STRING());
    }

    private static <T> StreamingQuery collect(Dataset<T> ds, String mode, String checkpoint,
                                              Map<Long, List<String>> out, Trigger trigger) throws Exception {
        return collect(ds, mode, checkpoint, out, trigger, r -> String.valueOf(r.get(0)));
    }

    private static <T> StreamingQuery collect(Dataset<T> ds, String mode, String checkpoint,
                                              Map<Long, List<String>> out, Trigger trigger,
                                              java.util.function.Function<Row, String> format) throws Exception {
        return collect(ds, mode, checkpoint, out, trigger, format, true);
    }

    /** Starts {@code ds} into {@code out}: each batch's rows, formatted, sorted when {@code sorted}. */
    static <T> StreamingQuery collect(Dataset<T> ds, String mode, String checkpoint, Map<Long, List<String>> out,
                                      Trigger trigger, java.util.function.Function<Row, String> format,
                                      boolean sorted) throws Exception {
        var writer = ds.writeStream().outputMode(mode);
        if (checkpoint != null) {
            writer = writer.option("checkpointLocation", checkpoint);
        }
        if (trigger != null) {
            writer = writer.trigger(trigger);
        }
        return writer.foreachBatch((Dataset<T> batch, Long id) -> {
            List<String> rows = new ArrayList<>();
            for (Row r : batch.toDF().collectAsList()) {
                rows.add(format.apply(r));
            }
            if (sorted) {
                rows.sort(null);
            }
            out.put(id, rows);
        }).start();
    }

    @Test
    void mapGroupsWithStateKeepsARunningCountPerKeyAcrossBatches() throws Exception {
        MemoryStream input = lines();
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery q = collect(runningCounts(input), "update", null, out, null);
        input.addValues("a", "b", "a");
        q.processAllAvailable();
        input.addValues("a", "c");
        q.processAllAvailable();
        input.addValues("b");
        q.processAllAvailable();
        assertThat(out).isEqualTo(Map.of(0L, List.of("a=2", "b=1"), 1L, List.of("a=3 removed", "c=1"),
                2L, List.of("b=2")));
        StateOperatorProgress op = q.lastProgress().stateOperators()[0];
        assertThat(op.numRowsTotal()).isEqualTo(2); // b and c; a was removed
        input.addValues("a");
        q.processAllAvailable();
        assertThat(out.get(3L)).containsExactly("a=1"); // a starts again after its removal
    }

    private dev.sluice.sql.KeyValueGroupedDataset<String, Long> initialCounts(String... rows) {
        return spark.createDataset(List.of(rows), Encoders.STRING())
                .groupByKey(s -> s.substring(0, s.indexOf(':')), Encoders.STRING())
                .mapValues(s -> Long.parseLong(s.substring(s.indexOf(':') + 1)), Encoders.LONG());
    }

    @Test
    void anInitialStateStartsTheCountsOfTheFirstBatchAndEveryKeyOfItIsCalled() throws Exception {
        String checkpoint = dir.resolve("initial").toString();
        MemoryStream input = lines();
        java.util.function.Supplier<Dataset<String>> query = () -> input.toDF().as(Encoders.STRING())
                .groupByKey(v -> v, Encoders.STRING())
                .mapGroupsWithState(RUNNING_COUNT, Encoders.LONG(), Encoders.STRING(), GroupStateTimeout.NoTimeout(),
                        initialCounts("a:1", "z:2"));
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery q = collect(query.get(), "update", checkpoint, out, null);
        input.addValues("a", "b");
        q.processAllAvailable();
        input.addValues("a", "z");
        q.processAllAvailable();
        q.stop();
        StreamingQuery again = collect(query.get(), "update", checkpoint, out, null);
        input.addValues("z");
        again.processAllAvailable();
        // batch 0: a = 1 + 1, b = 1, z = 2 + 0 (called without values); batch 1: a and z reach 3 and are removed;
        // batch 2 (a restart past batch 0): z starts again, the initial state is not applied twice
        assertThat(out).isEqualTo(Map.of(0L, List.of("a=2", "b=1", "z=2"), 1L, List.of("a=3 removed", "z=3 removed"),
                2L, List.of("z=1")));
    }

    @Test
    void aBatchMapGroupsWithStateStartsFromTheInitialState() {
        List<String> rows = new ArrayList<>(spark.createDataset(List.of("a", "b", "a"), Encoders.STRING())
                .groupByKey(v -> v, Encoders.STRING())
                .flatMapGroupsWithState((String k, Iterator<String> v, GroupState<Long> s) ->
                        List.of(RUNNING_COUNT.call(k, v, s)).iterator(), OutputMode.Update(), Encoders.LONG(),
                        Encoders.STRING(), GroupStateTimeout.NoTimeout(), initialCounts("a:1", "z:2"))
                .collectAsList());
        rows.sort(null);
        assertThat(rows).containsExactly("a=3 removed", "b=1", "z=2");
        assertThatThrownBy(() -> spark.createDataset(List.of("a"), Encoders.STRING())
                .groupByKey(v -> v, Encoders.STRING())
                .mapGroupsWithState(RUNNING_COUNT, Encoders.LONG(), Encoders.STRING(), GroupStateTimeout.NoTimeout(),
                        initialCounts("a:1", "a:2")).collectAsList())
                .hasMessageContaining("The initial state provided contained multiple rows(state) with the same key.");
    }

    @Test
    void aStreamingInitialStateIsRejectedAtStart() {
        MemoryStream input = lines();
        MemoryStream states = lines();
        Dataset<String> ds = input.toDF().as(Encoders.STRING()).groupByKey(v -> v, Encoders.STRING())
                .mapGroupsWithState(RUNNING_COUNT, Encoders.LONG(), Encoders.STRING(), GroupStateTimeout.NoTimeout(),
                        states.toDF().as(Encoders.STRING()).groupByKey(v -> v, Encoders.STRING())
                                .mapValues(v -> 1L, Encoders.LONG()));
        assertThatThrownBy(() -> collect(ds, "update", null, new TreeMap<>(), null))
                .isInstanceOf(AnalysisException.class)
                .hasMessageContaining("Non-streaming DataFrame/Dataset is not supported as the initial state in"
                        + " [flatMap|map]GroupsWithState operation on a streaming DataFrame/Dataset");
    }

    @Test
    void mapGroupsWithStateRunsOnlyInUpdateMode() throws Exception {
        MemoryStream input = lines();
        assertThatThrownBy(() -> collect(runningCounts(input), "append", null, new TreeMap<>(), null))
                .isInstanceOf(AnalysisException.class)
                .hasMessageContaining("mapGroupsWithState is not supported with Append output mode");
    }

    @Test
    void flatMapGroupsWithStateChecksItsOutputModeAndEventTimeTimeoutNeedsAWatermark() throws Exception {
        MemoryStream input = lines();
        FlatMapGroupsWithStateFunction<String, String, Long, String> f = (k, v, s) -> List.of(k).iterator();
        Dataset<String> update = input.toDF().as(Encoders.STRING()).groupByKey(v -> v, Encoders.STRING())
                .flatMapGroupsWithState(f, OutputMode.Update(), Encoders.LONG(), Encoders.STRING(),
                        GroupStateTimeout.NoTimeout());
        assertThatThrownBy(() -> collect(update, "append", null, new TreeMap<>(), null))
                .hasMessageContaining("flatMapGroupsWithState in update mode is not supported with Append output mode");
        Dataset<String> eventTime = input.toDF().as(Encoders.STRING()).groupByKey(v -> v, Encoders.STRING())
                .flatMapGroupsWithState(f, OutputMode.Update(), Encoders.LONG(), Encoders.STRING(),
                        GroupStateTimeout.EventTimeTimeout());
        assertThatThrownBy(() -> collect(eventTime, "update", null, new TreeMap<>(), null))
                .hasMessageContaining("Watermark must be specified");
    }

    @Test
    void aRestartedQueryKeepsTheStateOfItsCheckpoint() throws Exception {
        String checkpoint = dir.resolve("restart").toString();
        MemoryStream input = lines();
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        List<List<String>> batches = List.of(List.of("a", "b"), List.of("a"), List.of("b", "c"), List.of("a"));
        for (List<String> batch : batches) {
            StreamingQuery q = collect(runningCounts(input), "update", checkpoint, out, null);
            input.addValues(batch.toArray());
            q.processAllAvailable();
            q.stop();
        }
        assertThat(out).isEqualTo(Map.of(0L, List.of("a=1", "b=1"), 1L, List.of("a=2"), 2L, List.of("b=2", "c=1"),
                3L, List.of("a=3 removed")));
    }

    @Test
    void aCrashAfterTheStateCommitReRunsTheBatchWithoutCountingItTwice() throws Exception {
        String checkpoint = dir.resolve("crash").toString();
        MemoryStream input = lines();
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        crashAfterStateCommit(1);
        StreamingQuery first = collect(runningCounts(input), "update", checkpoint, out, null);
        input.addValues("a", "b");
        first.processAllAvailable();
        input.addValues("a");
        assertThatThrownBy(first::processAllAvailable).isInstanceOf(StreamingQueryException.class)
                .hasMessageContaining("injected crash");
        spark.streams().setHooks(dev.sluice.stream.BatchHooks.NONE);
        StreamingQuery second = collect(runningCounts(input), "update", checkpoint, out, null);
        input.addValues("b");
        second.processAllAvailable();
        assertThat(out).isEqualTo(Map.of(0L, List.of("a=1", "b=1"), 1L, List.of("a=2"), 2L, List.of("b=2")));
    }

    /** A record as the state. */
    public record Total(long count, String last) {
    }

    @Test
    void aRecordStateIsStoredWithItsEncodersColumns() throws Exception {
        MemoryStream input = lines();
        Dataset<String> totals = input.toDF().as(Encoders.STRING()).groupByKey(v -> v.substring(0, 1), Encoders.STRING())
                .mapGroupsWithState((String k, Iterator<String> values, GroupState<Total> state) -> {
                    Total t = state.getOption().orElse(new Total(0, null));
                    while (values.hasNext()) {
                        t = new Total(t.count() + 1, values.next());
                    }
                    state.update(t);
                    return k + " " + t.count() + " " + t.last();
                }, Encoders.bean(Total.class), Encoders.STRING());
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery q = collect(totals, "update", null, out, null);
        input.addValues("ab", "ac", "bx");
        q.processAllAvailable();
        input.addValues("ad");
        q.processAllAvailable();
        assertThat(out).isEqualTo(Map.of(0L, List.of("a 2 ac", "b 1 bx"), 1L, List.of("a 3 ad")));
    }

    /** Session state: events seen, first and last event time (ms). */
    public static class SessionInfo {
        private int events;
        private long firstMs;
        private long lastMs;

        public int getEvents() {
            return events;
        }

        public void setEvents(int events) {
            this.events = events;
        }

        public long getFirstMs() {
            return firstMs;
        }

        public void setFirstMs(long firstMs) {
            this.firstMs = firstMs;
        }

        public long getLastMs() {
            return lastMs;
        }

        public void setLastMs(long lastMs) {
            this.lastMs = lastMs;
        }
    }

    /** One output line of a session: still open, or closed by its timeout. */
    public record SessionSummary(String user, int events, long durationMs, boolean expired) {
    }

    private static SessionInfo fold(GroupState<SessionInfo> state, Iterator<Row> values) {
        SessionInfo s = state.getOption().orElseGet(SessionInfo::new);
        while (values.hasNext()) {
            long t = ((Timestamp) values.next().get(1)).getTime();
            s.setFirstMs(s.getEvents() == 0 ? t : Math.min(s.getFirstMs(), t));
            s.setLastMs(Math.max(s.getLastMs(), t));
            s.setEvents(s.getEvents() + 1);
        }
        return s;
    }

    /** An output row of the bean encoder (columns durationMs, events, expired, user) as a line. */
    static String summary(Row r) {
        return line(Encoders.bean(SessionSummary.class).fromRow(r));
    }

    private static String line(SessionSummary s) {
        return s.user() + " " + s.events() + " " + s.durationMs() / 60_000 + "min" + (s.expired() ? " expired" : "");
    }

    @Test
    void sessionsCloseWithAProcessingTimeTimeoutDrivenByTheClock() throws Exception {
        ManualClock clock = new ManualClock(T0);
        spark.streams().setClock(clock);
        MemoryStream input = MemoryStream.of(spark, EVENTS);
        FlatMapGroupsWithStateFunction<String, Row, SessionInfo, SessionSummary> sessions = (user, values, state) -> {
            if (state.hasTimedOut()) {
                SessionInfo s = state.get();
                state.remove();
                return List.of(new SessionSummary(user, s.getEvents(), s.getLastMs() - s.getFirstMs(), true))
                        .iterator();
            }
            SessionInfo s = fold(state, values);
            state.update(s);
            state.setTimeoutDuration("30 seconds");
            assertThat(state.getCurrentProcessingTimeMs()).isEqualTo(clock.getTimeMillis());
            return List.of(new SessionSummary(user, s.getEvents(), s.getLastMs() - s.getFirstMs(), false)).iterator();
        };
        Dataset<SessionSummary> summaries = input.toDF().groupByKey(r -> r.getString(0), Encoders.STRING())
                .flatMapGroupsWithState(sessions, OutputMode.Update(), Encoders.bean(SessionInfo.class),
                        Encoders.bean(SessionSummary.class), GroupStateTimeout.ProcessingTimeTimeout());
        assertThat(summaries.columns()).containsExactly("durationMs", "events", "expired", "user");
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        input.addData(event("alice", "12:00"), event("bob", "12:01"));
        StreamingQuery q = collect(summaries, "update", null, out, Trigger.ProcessingTime("10 seconds"),
                GroupStateTest::summary);
        assertThat(clock.awaitWaiter(T0 + 10_000, 5_000)).isEqualTo(T0 + 10_000); // batch 0 at T0
        input.addData(event("alice", "12:04"));
        for (int step = 1; step <= 5; step++) { // batches 1..5 at T0 + 10 s .. T0 + 50 s
            clock.advance(10_000);
            assertThat(clock.awaitWaiter(T0 + (step + 1) * 10_000L, 5_000)).isEqualTo(T0 + (step + 1) * 10_000L);
        }
        q.stop();
        assertThat(out.get(0L)).containsExactly("alice 1 0min", "bob 1 0min");
        assertThat(out.get(1L)).containsExactly("alice 2 4min"); // alice's timeout moves to T0 + 40 s
        assertThat(out.get(2L)).isEmpty();
        assertThat(out.get(3L)).isEmpty(); // bob's timeout is T0 + 30 s: not yet before T0 + 30 s
        assertThat(out.get(4L)).containsExactly("bob 1 0min expired");
        assertThat(out.get(5L)).containsExactly("alice 2 4min expired");
        assertThat(q.lastProgress().stateOperators()[0].numRowsTotal()).isZero();
    }
    @Test
    void sessionsCloseWithAnEventTimeTimeoutOnceTheWatermarkPassesTheirGap() throws Exception {
        MemoryStream input = MemoryStream.of(spark, EVENTS);
        List<Long> watermarks = Collections.synchronizedList(new ArrayList<>());
        FlatMapGroupsWithStateFunction<String, Row, SessionInfo, SessionSummary> sessions = (user, values, state) -> {
            watermarks.add(state.getCurrentWatermarkMs());
            if (state.hasTimedOut()) {
                SessionInfo s = state.get();
                state.remove();
                return List.of(new SessionSummary(user, s.getEvents(), s.getLastMs() - s.getFirstMs(), true))
                        .iterator();
            }
            SessionInfo s = fold(state, values);
            state.update(s);
            state.setTimeoutTimestamp(s.getLastMs(), "5 minutes"); // the session gap
            return Collections.emptyIterator();
        };
        Dataset<SessionSummary> summaries = input.toDF().withWatermark("ts", "10 minutes")
                .groupByKey(r -> r.getString(0), Encoders.STRING())
                .flatMapGroupsWithState(sessions, OutputMode.Append(), Encoders.bean(SessionInfo.class),
                        Encoders.bean(SessionSummary.class), GroupStateTimeout.EventTimeTimeout());
        Map<Long, List<String>> out = Collections.synchronizedMap(new TreeMap<>());
        StreamingQuery q = collect(summaries, "append", null, out, null, GroupStateTest::summary);
        List<List<Row>> batches = List.of(
                List.of(event("dog", "12:00"), event("cat", "12:01")), // timeouts dog 12:05, cat 12:06
                List.of(event("dog", "12:10")),                        // dog's timeout moves to 12:15
                List.of(event("owl", "12:20")),                        // watermark 12:10: cat closes
                List.of(event("owl", "12:30")),                        // watermark 12:20: dog closes
                List.of(event("dog", "12:12")));                       // behind the watermark: dropped
        for (List<Row> batch : batches) {
            input.addData(batch);
            q.processAllAvailable();
        }
        List<String> all = new ArrayList<>();
        out.values().forEach(all::addAll);
        assertThat(all).containsExactly("cat 1 0min expired", "dog 2 10min expired");
        assertThat(q.lastProgress().stateOperators()[0].numRowsTotal()).isEqualTo(1); // owl
        assertThat(q.recentProgress()[q.recentProgress().length - 1].stateOperators()[0].numRowsDroppedByWatermark())
                .isEqualTo(1);
        assertThat(watermarks).isNotEmpty();
    }
}
