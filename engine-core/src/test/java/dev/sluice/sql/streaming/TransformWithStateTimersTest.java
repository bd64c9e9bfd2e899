package dev.sluice.sql.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.Dataset;
import dev.sluice.sql.Encoders;
import dev.sluice.sql.Row;
import dev.sluice.stream.ManualClock;
import dev.sluice.stream.connector.MemoryStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code transformWithState}'s timers and TTL: processing-time timers on the trigger's (manual) clock, across
 * restarts, a deduplicator with a TTL, event-time timers and an {@code eventTimeColumnName}. Expected outputs
 * follow Spark's rules: a processing-time timer fires in the first batch whose processing time is at or after it,
 * an event-time timer once the batch's eviction watermark is; a TTL value is gone from the batch whose
 * processing time is at or after its expiry (the event-time case was also run on Spark 4.1.1: same rows, which
 * Spark orders per state partition). Subclasses in engine-state re-run everything with RocksDB.
 */
class TransformWithStateTimersTest extends TransformWithStateSupport {
    /** Sessions closed 30 s (processing time) after a user's last batch with events. */
    static class Sessions extends StatefulProcessor<String, String, String> {
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

}
