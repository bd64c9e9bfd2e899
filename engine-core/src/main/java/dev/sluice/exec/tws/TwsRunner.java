package dev.sluice.exec.tws;

import dev.sluice.exec.RowBytes;
import dev.sluice.plan.logical.TransformWithState;
import dev.sluice.plan.logical.TransformWithStateFunction;
import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.ExpiredTimerInfo;
import dev.sluice.sql.streaming.QueryInfo;
import dev.sluice.sql.streaming.StatefulProcessor;
import dev.sluice.sql.streaming.StatefulProcessorWithInitialState;
import dev.sluice.sql.streaming.TimeMode;
import dev.sluice.sql.streaming.TimerValues;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one batch of a {@link TransformWithState} node over a {@link TwsStore}, in Spark's order: {@code init},
 * the initial state (first batch only), {@code handleInputRows} per key (first-seen order), the timers due
 * (time order; processing time: at or before the batch timestamp, event time: at or before the eviction
 * watermark), the TTL pass, {@code close}. Shared by streaming batches (the operator's partitioned store) and
 * batch queries (a throw-away store). One instance per batch (per state partition when partitions run on their
 * own), used by one thread.
 */
public final class TwsRunner {
    private final TransformWithState node;
    private final TransformWithStateFunction function;
    private final StatefulProcessor<Object, Object, Object> processor;
    private final TwsHandle handle;
    private final RowBytes keyBytes;
    private final TimerValues timerValues;
    private final long watermarkMs;
    private long expiredTimers;
    private long removedByTtl;

    public TwsRunner(TransformWithState node, TwsStore store, long batchTimestampMs, long watermarkMs,
                     QueryInfo queryInfo) {
        this(node, node.function().processor(), store, batchTimestampMs, watermarkMs, queryInfo);
    }

    /**
     * A runner calling {@code processor}: the node's own, or a copy of it for a partition's task (Spark
     * deserializes one per task), never used by two threads at once.
     */
    public TwsRunner(TransformWithState node, StatefulProcessor<Object, Object, Object> processor, TwsStore store,
                     long batchTimestampMs, long watermarkMs, QueryInfo queryInfo) {
        this.node = node;
        this.function = node.function();
        this.processor = processor;
        this.handle = new TwsHandle(node.timeMode(), store, batchTimestampMs, queryInfo);
        this.keyBytes = new RowBytes(function.keySchema());
        this.watermarkMs = watermarkMs;
        this.timerValues = new Values(batchTimestampMs, watermarkMs);
    }

    /**
     * Calls {@code init} with a handle that only records the state variables (the query start's call, Spark's
     * driver-side handle); returns them.
     */
    public static List<TwsHandle.Variable> declaredVariables(TransformWithState node) {
        StatefulProcessor<Object, Object, Object> processor = node.function().processor();
        TwsHandle declaring = new TwsHandle(node.timeMode(), null, 0, null);
        processor.setHandle(declaring);
        try {
            processor.init(node.outputMode(), node.timeMode());
        } catch (Exception e) {
            throw TwsErrors.userFunction("init", e);
        } finally {
            processor.setHandle(null);
        }
        return declaring.variables();
    }

    /**
     * Runs the batch over {@code input} (external rows of the node's child schema); returns the output rows: those
     * of each key's rows in first-seen key order, then those of the timers in time order.
     *
     * @param loadInitialState whether this is the query's first batch, which loads the initial state
     */
    public List<Row> run(List<Row> input, boolean loadInitialState) {
        Output output = run(new ArrayList<>(group(function, input).entrySet()),
                loadInitialState ? initialStateRows(function) : List.of());
        List<Row> out = new ArrayList<>();
        output.byGroup().forEach(out::addAll);
        output.timers().forEach(t -> out.addAll(t.rows()));
        return out;
    }

    /**
     * What one run emitted, by what emitted it, so that runs over different partitions of the keys merge into
     * the order of one run over all of them.
     *
     * @param byGroup the output of each group's {@code handleInputRows}, in the groups' order
     * @param timers  the output of each expired timer, in firing order (time, then encoded grouping key)
     */
    public record Output(List<List<Row>> byGroup, List<TimerOutput> timers) {
    }

    /** The output of one expired timer of {@code groupingKey} (encoded). */
    public record TimerOutput(long expiryMs, byte[] groupingKey, List<Row> rows) {
        /** One run's firing order: time, then the encoded grouping key (unsigned bytes). */
        public static final java.util.Comparator<TimerOutput> FIRING_ORDER = (a, b) -> a.expiryMs != b.expiryMs
                ? Long.compare(a.expiryMs, b.expiryMs) : java.util.Arrays.compareUnsigned(a.groupingKey, b.groupingKey);
    }

    /**
     * Runs the batch over {@code groups} (each key's rows, as {@link #group} makes them) and the initial state
     * rows to load first ({@code [key row, state]} pairs, empty but in the query's first batch), in Spark's
     * order: {@code init}, the initial state, the groups, the timers due, the TTL pass, {@code close}.
     */
    public Output run(List<Map.Entry<Row, List<Row>>> groups, List<Object[]> initialStateRows) {
        List<List<Row>> byGroup = new ArrayList<>(groups.size());
        List<TimerOutput> timers = new ArrayList<>();
        processor.setHandle(handle);
        try {
            call("init", () -> {
                processor.init(node.outputMode(), node.timeMode());
                return null;
            });
            handle.phase(TwsHandle.Phase.INITIALIZED);
            loadInitialState(initialStateRows);
            for (Map.Entry<Row, List<Row>> group : groups) {
                Row keyRow = group.getKey();
                Object key = function.keyObject(keyRow);
                Iterator<Object> values = values(group.getValue());
                List<Row> out = new ArrayList<>();
                withKey(keyRow, () -> drain(call("handleInputRows",
                        () -> processor.handleInputRows(key, values, timerValues)), out));
                byGroup.add(out);
            }
            handle.phase(TwsHandle.Phase.DATA_PROCESSED);
            fireTimers(timers);
            handle.phase(TwsHandle.Phase.TIMER_PROCESSED);
            removedByTtl = handle.removeExpired();
            call("close", () -> {
                processor.close();
                return null;
            });
            handle.phase(TwsHandle.Phase.CLOSED);
        } finally {
            processor.setHandle(null);
        }
        return new Output(byGroup, timers);
    }

    /** The initial state's {@code [key row, state]} rows, or none when the node has no initial state. */
    public static List<Object[]> initialStateRows(TransformWithStateFunction function) {
        return function.initialState() == null ? List.of() : call("initialState", () -> function.initialState().rows());
    }

    private void loadInitialState(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        StatefulProcessorWithInitialState<Object, Object, Object, Object> withInitial =
                (StatefulProcessorWithInitialState<Object, Object, Object, Object>) (StatefulProcessor<?, ?, ?>) processor;
        for (Object[] row : rows) {
            Row keyRow = (Row) row[0];
            Object key = function.keyObject(keyRow);
            withKey(keyRow, () -> call("handleInitialState", () -> {
                withInitial.handleInitialState(key, row[1], timerValues);
                return null;
            }));
        }
    }

    private void fireTimers(List<TimerOutput> timers) {
        TimeMode mode = node.timeMode();
        if (mode == TimeMode.None()) {
            return;
        }
        long threshold = mode == TimeMode.ProcessingTime() ? handle.batchTimestampMs() : watermarkMs;
        for (TwsHandle.DueTimer timer : handle.dueTimers(threshold)) {
            handle.currentKey(timer.groupingKey());
            try {
                // a timer the processor deleted while handling an earlier one (or its input) does not fire
                if (!handle.hasTimer(timer.expiryMs())) {
                    continue;
                }
                Object key = function.keyObject(keyBytes.decode(timer.groupingKey()));
                ExpiredTimerInfo info = new Expired(timer.expiryMs());
                List<Row> out = new ArrayList<>();
                drain(call("handleExpiredTimer", () -> processor.handleExpiredTimer(key, timerValues, info)), out);
                timers.add(new TimerOutput(timer.expiryMs(), timer.groupingKey(), out));
                handle.consumeTimer(timer.expiryMs());
                expiredTimers++;
            } finally {
                handle.currentKey(null);
            }
        }
    }

    /** {@code input} grouped by the node's key function, keys in first-seen order. */
    public static Map<Row, List<Row>> group(TransformWithStateFunction function, List<Row> input) {
        Map<Row, List<Row>> groups = new LinkedHashMap<>();
        for (Row row : input) {
            Row key = call("groupByKey", () -> function.key(row));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        return groups;
    }

    private Iterator<Object> values(List<Row> rows) {
        Iterator<Row> it = rows.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Object next() {
                Row row = it.next();
                return call("groupByKey", () -> function.value(row));
            }
        };
    }

    private void withKey(Row keyRow, Runnable body) {
        handle.currentKey(keyBytes.encode(keyRow));
        try {
            body.run();
        } finally {
            handle.currentKey(null);
        }
    }

    private void drain(Iterator<Object> results, List<Row> out) {
        while (results != null && results.hasNext()) {
            Object o = results.next();
            if (o == null) {
                throw TwsErrors.userFunction("handleInputRows", new NullPointerException(
                        "a StatefulProcessor returned a null output row"));
            }
            out.add(function.output(o));
        }
    }

    /** A user callback that may throw. */
    private interface Call<T> {
        T run() throws Exception;
    }

    private static <T> T call(String function, Call<T> body) {
        try {
            return body.run();
        } catch (Exception e) {
            throw TwsErrors.userFunction(function, e);
        }
    }

    public long expiredTimers() {
        return expiredTimers;
    }

    public long removedByTtl() {
        return removedByTtl;
    }

    /** The batch's handle (its metrics; {@link TwsHandle#storedMaps} before {@link #run}). */
    public TwsHandle handle() {
        return handle;
    }

    private record Values(long processingTimeMs, long watermarkMs) implements TimerValues {
        @Override
        public long getCurrentProcessingTimeInMs() {
            return processingTimeMs;
        }

        @Override
        public long getCurrentWatermarkInMs() {
            return watermarkMs;
        }
    }

    private record Expired(long expiryMs) implements ExpiredTimerInfo {
        @Override
        public long getExpiryTimeInMs() {
            return expiryMs;
        }
    }
}
