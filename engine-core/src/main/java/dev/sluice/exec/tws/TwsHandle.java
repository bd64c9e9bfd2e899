package dev.sluice.exec.tws;

import dev.sluice.sql.Encoder;
import dev.sluice.sql.streaming.ListState;
import dev.sluice.sql.streaming.MapState;
import dev.sluice.sql.streaming.QueryInfo;
import dev.sluice.sql.streaming.StatefulProcessorHandle;
import dev.sluice.sql.streaming.TTLConfig;
import dev.sluice.sql.streaming.TimeMode;
import dev.sluice.sql.streaming.ValueState;
import dev.sluice.sql.types.StructType;
import dev.sluice.state.KeyValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link StatefulProcessorHandle} of one batch of a {@code transformWithState} operator (Spark's
 * {@code StatefulProcessorHandleImpl}), or, without a store, of the query start's {@code init} call that only
 * declares the state variables (Spark's driver-side handle: its variables cannot be used). The runner moves it
 * through Spark's handle states ({@link Phase}) and sets the implicit grouping key of each call. Used by the
 * query's thread only.
 */
public final class TwsHandle implements StatefulProcessorHandle {
    private static final long serialVersionUID = 1L;

    /** Spark's handle states, in order. */
    public enum Phase { PRE_INIT, CREATED, INITIALIZED, DATA_PROCESSED, TIMER_PROCESSED, CLOSED }

    /** The kind of a state variable. */
    public enum Kind { VALUE, LIST, MAP }

    /**
     * A declared state variable.
     *
     * @param valueSchema   the value (list element, map value) encoder's schema
     * @param userKeySchema a map's user key schema, else null
     * @param ttlMs         the TTL in ms, or 0
     */
    public record Variable(String name, Kind kind, StructType valueSchema, StructType userKeySchema, long ttlMs) {
    }

    /** A timer of some grouping key, due by the batch's threshold. */
    public record DueTimer(long expiryMs, byte[] groupingKey) {
    }

    private final transient TimeMode timeMode;
    private final transient TwsStore store;
    private final long batchTimestampMs;
    private final transient QueryInfo queryInfo;
    private final transient Map<String, Variable> variables = new LinkedHashMap<>();
    private final transient List<StateVariable> ttlVariables = new ArrayList<>();
    private transient Phase phase;
    private transient byte[] currentKey;
    private transient java.util.Set<String> storedMaps = java.util.Set.of();
    private long rowDelta;
    private long updatedRows;
    private long removedRows;
    private long registeredTimers;
    private long deletedTimers;
    private final transient java.util.Set<String> deletedVariables = new java.util.TreeSet<>();

    /**
     * @param store null for the declaring handle of the query start (phase {@link Phase#PRE_INIT}); else the
     *              batch's store (phase {@link Phase#CREATED})
     */
    public TwsHandle(TimeMode timeMode, TwsStore store, long batchTimestampMs, QueryInfo queryInfo) {
        this.timeMode = timeMode;
        this.store = store;
        this.batchTimestampMs = batchTimestampMs;
        this.queryInfo = queryInfo;
        this.phase = store == null ? Phase.PRE_INIT : Phase.CREATED;
    }

    public Phase phase() {
        return phase;
    }

    public void phase(Phase next) {
        phase = next;
    }

    /** The implicit grouping key (encoded), or null between calls. */
    byte[] currentKey() {
        return currentKey;
    }

    public void currentKey(byte[] groupingKey) {
        currentKey = groupingKey;
    }

    TwsStore store() {
        return store;
    }

    long batchTimestampMs() {
        return batchTimestampMs;
    }

    /** The state variables declared so far, in declaration order. */
    public List<Variable> variables() {
        return List.copyOf(variables.values());
    }

    /** The key space of the timers of this handle's time mode. */
    public static String timersName(TimeMode timeMode) {
        return timeMode == TimeMode.EventTime() ? TwsLayout.EVENT_TIMERS : TwsLayout.PROCESSING_TIMERS;
    }

    private void checkDeclaration(String operation) {
        Phase required = store == null ? Phase.PRE_INIT : Phase.CREATED;
        if (phase != required) {
            throw TwsErrors.invalidHandleState(operation, phase);
        }
    }

    private static void checkName(String operation, String name) {
        if (name == null || name.isEmpty() || !name.strip().equals(name) || name.equals("default")) {
            throw TwsErrors.invalidName(operation, name);
        }
        if (name.startsWith("$")) {
            throw TwsErrors.reservedName(name);
        }
    }

    private long declare(String operation, String name, Kind kind, StructType valueSchema, StructType userKeySchema,
                         TTLConfig ttl) {
        checkDeclaration(operation);
        checkName("createColFamily", name);
        if (variables.containsKey(name)) {
            throw TwsErrors.duplicateVariable(name);
        }
        long ttlMs = 0;
        Duration d = ttl == null ? Duration.ZERO : ttl.ttlDuration();
        if (d != null && !d.isZero()) {
            if (timeMode != TimeMode.ProcessingTime()) {
                throw TwsErrors.ttlInTimeMode(name, timeMode);
            }
            if (d.isNegative()) {
                throw TwsErrors.ttlNotPositive("update", name);
            }
            ttlMs = d.toMillis();
        } else if (d == null) {
            throw TwsErrors.ttlNotPositive("update", name);
        }
        variables.put(name, new Variable(name, kind, valueSchema, userKeySchema, ttlMs));
        return ttlMs;
    }

    private <V extends StateVariable> V track(V variable) {
        if (variable.ttlMs > 0) {
            ttlVariables.add(variable);
        }
        return variable;
    }

    @Override
    public <T> ValueState<T> getValueState(String stateName, Encoder<T> valEncoder, TTLConfig ttlConfig) {
        long ttl = declare("get_value_state", stateName, Kind.VALUE, valEncoder.schema(), null, ttlConfig);
        return track(new ValueStateImpl<>(this, stateName, valEncoder, ttl));
    }

    @Override
    public <T> ListState<T> getListState(String stateName, Encoder<T> valEncoder, TTLConfig ttlConfig) {
        long ttl = declare("get_list_state", stateName, Kind.LIST, valEncoder.schema(), null, ttlConfig);
        return track(new ListStateImpl<>(this, stateName, valEncoder, ttl));
    }

    @Override
    public <K, V> MapState<K, V> getMapState(String stateName, Encoder<K> userKeyEnc, Encoder<V> valEncoder,
                                             TTLConfig ttlConfig) {
        long ttl = declare("get_map_state", stateName, Kind.MAP, valEncoder.schema(), userKeyEnc.schema(),
                ttlConfig);
        return track(new MapStateImpl<>(this, stateName, userKeyEnc, valEncoder, ttl));
    }

    @Override
    public QueryInfo getQueryInfo() {
        return queryInfo;
    }

    /** The store key of the current grouping key's timers, after Spark's checks of time mode and phase. */
    private byte[] timersKey(String operation) {
        if (timeMode == TimeMode.None()) {
            throw TwsErrors.invalidTimeMode(operation, timeMode);
        }
        if (phase.compareTo(Phase.INITIALIZED) < 0 || phase.compareTo(Phase.TIMER_PROCESSED) >= 0
                || currentKey == null) {
            throw TwsErrors.invalidHandleState(operation, phase);
        }
        return TwsLayout.key(TwsLayout.prefix(timersName(timeMode)), currentKey);
    }

    @Override
    public void registerTimer(long expiryTimestampMs) {
        byte[] key = timersKey("register_timer");
        long[] timers = TwsLayout.decodeTimers(store.get(key));
        int at = Arrays.binarySearch(timers, expiryTimestampMs);
        if (at < 0) {
            int insert = -at - 1;
            long[] more = new long[timers.length + 1];
            System.arraycopy(timers, 0, more, 0, insert);
            more[insert] = expiryTimestampMs;
            System.arraycopy(timers, insert, more, insert + 1, timers.length - insert);
            store.put(key, TwsLayout.encodeTimers(more));
        }
        registeredTimers++;
    }

    @Override
    public void deleteTimer(long expiryTimestampMs) {
        removeTimer(timersKey("delete_timer"), expiryTimestampMs);
        deletedTimers++;
    }

    /** Removes one timer; returns whether it was registered. */
    private boolean removeTimer(byte[] key, long expiryTimestampMs) {
        long[] timers = TwsLayout.decodeTimers(store.get(key));
        int at = Arrays.binarySearch(timers, expiryTimestampMs);
        if (at < 0) {
            return false;
        }
        long[] fewer = new long[timers.length - 1];
        System.arraycopy(timers, 0, fewer, 0, at);
        System.arraycopy(timers, at + 1, fewer, at, fewer.length - at);
        if (fewer.length == 0) {
            store.remove(key);
        } else {
            store.put(key, TwsLayout.encodeTimers(fewer));
        }
        return true;
    }

    @Override
    public Iterator<Long> listTimers() {
        return Arrays.stream(TwsLayout.decodeTimers(store.get(timersKey("list_timers")))).boxed().iterator();
    }

    @Override
    public void deleteIfExists(String stateName) {
        checkDeclaration("delete_if_exists");
        checkName("deleteIfExists", stateName);
        if (store == null) {
            return;
        }
        List<byte[]> keys = new ArrayList<>();
        boolean map = isMap(stateName);
        store.prefixScan(TwsLayout.prefix(stateName)).forEachRemaining(kv -> {
            keys.add(kv.key());
            rowDelta -= TwsLayout.rows(kv.value(), map);
        });
        keys.forEach(store::remove);
        if (!keys.isEmpty()) {
            deletedVariables.add(stateName);
        }
    }

    /**
     * Every registered timer due at {@code thresholdMs} (at or before it), of every grouping key, ordered by time
     * then by encoded key.
     */
    public List<DueTimer> dueTimers(long thresholdMs) {
        byte[] prefix = TwsLayout.prefix(timersName(timeMode));
        List<DueTimer> due = new ArrayList<>();
        for (Iterator<KeyValue> it = store.prefixScan(prefix); it.hasNext(); ) {
            KeyValue kv = it.next();
            for (long t : TwsLayout.decodeTimers(kv.value())) {
                if (t > thresholdMs) {
                    break;
                }
                due.add(new DueTimer(t, TwsLayout.groupingKey(kv.key(), prefix.length)));
            }
        }
        due.sort((a, b) -> a.expiryMs() != b.expiryMs() ? Long.compare(a.expiryMs(), b.expiryMs())
                : Arrays.compareUnsigned(a.groupingKey(), b.groupingKey()));
        return due;
    }

    /**
     * Removes a timer that fired (of the current grouping key); returns false when the processor had already
     * deleted it, so it must not fire.
     */
    public boolean consumeTimer(long expiryMs) {
        return removeTimer(TwsLayout.key(TwsLayout.prefix(timersName(timeMode)), currentKey), expiryMs);
    }

    /** Whether the current grouping key still has the timer at {@code expiryMs}. */
    public boolean hasTimer(long expiryMs) {
        byte[] key = TwsLayout.key(TwsLayout.prefix(timersName(timeMode)), currentKey);
        return Arrays.binarySearch(TwsLayout.decodeTimers(store.get(key)), expiryMs) >= 0;
    }

    /** The end-of-batch TTL pass over every variable with a TTL; returns the values removed. */
    public long removeExpired() {
        long removed = 0;
        for (StateVariable v : ttlVariables) {
            removed += v.removeExpired();
        }
        return removed;
    }

    /** Adds to the change of the state row count of this batch. */
    void countRows(long delta) {
        rowDelta += delta;
    }

    /** This batch's change of the state row count so far (not yet folded into the stored count). */
    public long rowDelta() {
        return rowDelta;
    }

    /**
     * Folds this batch's change of the state row count into the stored count and returns the new count (the
     * state rows of every variable: timers and the count itself are not rows, as in Spark).
     */
    public long commitRowCount() {
        byte[] key = TwsLayout.rowCountKey();
        long total = TwsLayout.decodeCount(store.get(key)) + rowDelta;
        rowDelta = 0;
        store.put(key, TwsLayout.encodeCount(total));
        return total;
    }

    /** The map variables an earlier run of the query declared (so that dropping one counts its rows right). */
    public void storedMaps(java.util.Set<String> names) {
        storedMaps = java.util.Set.copyOf(names);
    }

    private boolean isMap(String name) {
        Variable v = variables.get(name);
        return v != null ? v.kind() == Kind.MAP : storedMaps.contains(name);
    }

    void countUpdate() {
        updatedRows++;
    }

    void countRemoval() {
        removedRows++;
    }

    /** State entries the processor wrote this batch (Spark's {@code numUpdatedStateRows}). */
    public long updatedRows() {
        return updatedRows;
    }

    /** State entries the processor removed this batch (Spark's {@code numRemovedStateRows}). */
    public long removedRows() {
        return removedRows;
    }

    public long registeredTimers() {
        return registeredTimers;
    }

    public long deletedTimers() {
        return deletedTimers;
    }

    /** The variables {@code deleteIfExists} found entries of (several handles' sets unite into one count). */
    public java.util.Set<String> deletedVariables() {
        return java.util.Collections.unmodifiableSet(deletedVariables);
    }
}
