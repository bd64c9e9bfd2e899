package dev.sluice.stream;

import dev.sluice.analysis.JavaValues;
import dev.sluice.batch.Chunk;
import dev.sluice.exec.Binder;
import dev.sluice.exec.RowBytes;
import dev.sluice.exec.tws.ProcessorCopies;
import dev.sluice.exec.tws.QueryInfoImpl;
import dev.sluice.exec.tws.TwsHandle;
import dev.sluice.exec.tws.TwsLayout;
import dev.sluice.exec.tws.TwsRunner;
import dev.sluice.exec.tws.TwsStore;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.plan.logical.EventTimeColumns;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.TransformWithState;
import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.StatefulProcessor;
import dev.sluice.sql.streaming.TimeMode;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.state.KeyValue;
import dev.sluice.stream.state.KeyGroups;
import dev.sluice.stream.state.OperatorStateMetadata;
import dev.sluice.stream.state.PartitionedStateStore;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Streaming {@code transformWithState} (Spark's {@code TransformWithStateExec}). Each batch runs the processor
 * through a {@link TwsRunner} over the operator's partitioned state store, whose commit with the batch makes
 * every state variable, timer and TTL removal of the batch durable at once (a batch re-run after a crash starts
 * from the previous version). Layout: {@link dev.sluice.exec.tws.TwsLayout}, one key space per state variable
 * and one for timers, in whichever provider the query uses; routing by key-group moves them on rescale like
 * any state entry. The state variables declared by the processor's {@code init} at query start are recorded
 * as the operator's stores in {@code state/<id>/_metadata}, one per variable (plus the timers'), so a restart
 * checks their layouts and the state data source reads them ({@code stateVarName}). With
 * {@link TimeMode#EventTime()}, input rows at or before the late-events watermark are dropped.
 *
 * <p>Partitions: with routing version 2 (new checkpoints) every entry of a grouping key is in one state partition
 * and each partition runs the processor on its own, partitions in parallel on the query's threads, each thread
 * with its own copy of the processor ({@link ProcessorCopies}); outputs come in a one-thread run's order. Older
 * checkpoints run all partitions as one. Threading: driven by the query's thread, which waits for the tasks.
 */
final class StreamingTransformWithState extends StatefulOperator {
    /** Any key space's prefix: with grouping-key routing, a grouping key's partition is the same in all of them. */
    private static final byte[] ROUTING_PREFIX = TwsLayout.rowCountKey();

    private final TransformWithState node;
    private final ProcessorCopies processors;
    private final List<TwsHandle.Variable> variables;
    private final boolean watermarkPresent;
    private final Expression eventTime;
    private final Map<String, Long> metrics = new TreeMap<>();
    private java.util.Set<String> storedMaps;
    private long rowsTotal;

    StreamingTransformWithState(int operatorId, TransformWithState node, LogicalPlan incrementalChild) {
        super(operatorId, incrementalChild, node.output());
        checkEventTimeColumns(node.child().output(), node.child());
        this.node = node;
        this.variables = TwsRunner.declaredVariables(node);
        this.processors = new ProcessorCopies(node.function().processor(), "operator " + operatorId + " ("
                + name() + ")");
        this.watermarkPresent = EventTimeColumns.hasWatermark(node.child());
        Map<Long, Long> delays = EventTimeColumns.of(node.child());
        AttributeReference time = EventTimeColumns.find(node.child().output(), delays);
        this.eventTime = time == null || node.timeMode() != TimeMode.EventTime() ? null
                : Binder.bind(time, node.child().output());
    }

    /** Like Spark's: processing-time mode passes no watermark downstream; the other modes pass the input's. */
    @Override
    java.util.OptionalLong outputWatermark(long inputWatermarkMs) {
        return node.timeMode() == TimeMode.ProcessingTime() ? java.util.OptionalLong.empty()
                : java.util.OptionalLong.of(inputWatermarkMs);
    }

    @Override
    String name() {
        return "transformWithStateExec";
    }

    @Override
    String nodeName() {
        return "TransformWithState";
    }

    @Override
    List<OperatorStateMetadata.StoreSchema> storeSchemas() {
        StructType key = node.function().keySchema();
        List<OperatorStateMetadata.StoreSchema> stores = new ArrayList<>();
        for (TwsHandle.Variable v : variables) {
            StructType value = switch (v.kind()) {
                case VALUE -> new StructType().add("value", v.valueSchema());
                case LIST -> new StructType().add("list_element", v.valueSchema());
                case MAP -> new StructType().add("user_map_key", v.userKeySchema()).add("user_map_value",
                        v.valueSchema());
            };
            stores.add(new OperatorStateMetadata.StoreSchema(v.name(), key, value));
        }
        if (node.timeMode() != TimeMode.None()) {
            stores.add(new OperatorStateMetadata.StoreSchema(TwsHandle.timersName(node.timeMode()), key,
                    new StructType().add("expiryTimestampMs", DataTypes.LongType, false)));
        }
        return stores;
    }

    /**
     * Spark's {@code TransformWithStateOperatorProperties} JSON: time mode, output mode and the state variables
     * (the timers as a {@code TimerState}).
     */
    @Override
    String operatorProperties() {
        StringBuilder json = new StringBuilder("{\"timeMode\":\"").append(node.timeMode())
                .append("\",\"outputMode\":\"").append(node.outputMode()).append("\",\"stateVariables\":[");
        List<String> vars = new ArrayList<>();
        for (TwsHandle.Variable v : variables) {
            String type = switch (v.kind()) {
                case VALUE -> "ValueState";
                case LIST -> "ListState";
                case MAP -> "MapState";
            };
            vars.add(variableJson(v.name(), type, v.ttlMs() > 0));
        }
        if (node.timeMode() != TimeMode.None()) {
            vars.add(variableJson(TwsHandle.timersName(node.timeMode()), "TimerState", false));
        }
        return json.append(String.join(",", vars)).append("]}").toString();
    }

    private static String variableJson(String name, String type, boolean ttl) {
        String escaped = name.replace("\\", "\\\\").replace("\"", "\\\"");
        return "{\"stateName\":\"" + escaped + "\",\"stateVariableType\":\"" + type + "\",\"ttlEnabled\":" + ttl
                + "}";
    }

    @Override
    boolean shouldRunAnotherBatch(long newWatermarkMs) {
        if (node.timeMode() == TimeMode.ProcessingTime()) {
            return true;
        }
        return node.timeMode() == TimeMode.EventTime() && watermarkPresent
                && newWatermarkMs > watermarks().evictionMs();
    }

    @Override
    boolean runsBatchesWithoutData() {
        return node.timeMode() == TimeMode.ProcessingTime();
    }

    /**
     * Checkpoints of routing version 2 keep every entry of a grouping key in one partition, so partitions run
     * on their own; older ones route each variable's entry by its whole key and run as one.
     */
    @Override
    KeyGroups.Routing routing(int routingVersion) {
        return routingVersion >= 2 ? KeyGroups.Routing.AFTER_KEY_SPACE_NAME : KeyGroups.Routing.WHOLE_KEY;
    }

    @Override
    List<Chunk> processBatch(List<Chunk> input, PartitionedStateStore state) {
        List<Chunk> onTime = new ArrayList<>();
        for (Chunk c : input) {
            onTime.add(eventTime == null ? c : dropLateRows(c, eventTime.eval(c)));
        }
        List<Row> rows = JavaValues.toRows(onTime, node.child().schema());
        List<Map.Entry<Row, List<Row>>> groups = new ArrayList<>(TwsRunner.group(node.function(), rows).entrySet());
        List<Object[]> initial = version() == 0 ? TwsRunner.initialStateRows(node.function()) : List.of();
        List<Row> out = state.routing() == KeyGroups.Routing.AFTER_KEY_SPACE_NAME
                ? byPartition(state, groups, initial)
                : merge(state, List.of(run(node.function().processor(), new Store(state), groups,
                        java.util.stream.IntStream.range(0, groups.size()).toArray(), initial)), groups.size());
        checkEmittedEventTimes(out);
        return JavaValues.toChunks(out, node.schema(), ZoneOffset.UTC);
    }

    /** One runner's work: its output and its handle's counts. */
    private record Run(int[] groupIndexes, TwsRunner.Output output, TwsRunner runner) {
    }

    /** Runs {@code groups} (the batch's groups at {@code groupIndexes}) and {@code initial} over {@code store}. */
    private Run run(StatefulProcessor<Object, Object, Object> processor, TwsStore store,
                    List<Map.Entry<Row, List<Row>>> groups, int[] groupIndexes, List<Object[]> initial) {
        TwsRunner runner = new TwsRunner(node, processor, store, batchTimestampMs(), watermarks().evictionMs(),
                new QueryInfoImpl(queryId(), runId(), version()));
        runner.handle().storedMaps(storedMaps());
        return new Run(groupIndexes, runner.run(groups, initial), runner);
    }

    /**
     * Every state partition runs the processor on its own keys (init, its initial state, its keys' rows, its
     * timers, its TTL pass, close), as one of Spark's tasks does, partitions in parallel on the query's threads,
     * each thread with its own copy of the processor; the outputs are merged into a one-partition run's order.
     */
    private List<Row> byPartition(PartitionedStateStore state, List<Map.Entry<Row, List<Row>>> groups,
                                  List<Object[]> initial) {
        RowBytes keyBytes = new RowBytes(node.function().keySchema());
        int[] all = new int[groups.size()];
        byte[][] encoded = new byte[groups.size()][];
        for (int g = 0; g < all.length; g++) {
            all[g] = g;
            encoded[g] = TwsLayout.key(ROUTING_PREFIX, keyBytes.encode(groups.get(g).getKey()));
        }
        int[][] groupsOf = state.byPartition(all, all.length, g -> encoded[g]);
        List<List<Object[]>> initialOf = new ArrayList<>();
        for (int p = 0; p < state.partitions(); p++) {
            initialOf.add(new ArrayList<>());
        }
        for (Object[] row : initial) {
            initialOf.get(state.partitionOf(TwsLayout.key(ROUTING_PREFIX, keyBytes.encode((Row) row[0])))).add(row);
        }
        Run[] runs = new Run[state.partitions()];
        java.util.function.IntConsumer task = p -> {
            List<Map.Entry<Row, List<Row>>> mine = new ArrayList<>(groupsOf[p].length);
            for (int g : groupsOf[p]) {
                mine.add(groups.get(g));
            }
            StatefulProcessor<Object, Object, Object> processor = processors.take();
            try {
                runs[p] = run(processor, new PartitionStore(state, p), mine, groupsOf[p], initialOf.get(p));
            } finally {
                processors.give(processor);
            }
        };
        if (executionContext().parallelism() > 1 && processors.copyable()) {
            executionContext().parallelFor(runs.length, task);
        } else {
            for (int p = 0; p < runs.length; p++) {
                task.accept(p);
            }
        }
        return merge(state, java.util.Arrays.asList(runs), groups.size());
    }

    /**
     * The runs' outputs in one run's order (each group's output in first-seen key order, then the timers' in
     * firing order); their counts become the batch's metrics and the stored row count.
     */
    private List<Row> merge(PartitionedStateStore state, List<Run> runs, int groupCount) {
        @SuppressWarnings("unchecked")
        List<Row>[] byGroup = new List[groupCount];
        List<TwsRunner.TimerOutput> timers = new ArrayList<>();
        java.util.Set<String> deleted = new java.util.TreeSet<>();
        long expired = 0;
        long registered = 0;
        long deletedTimers = 0;
        long removedByTtl = 0;
        long updated = 0;
        long removed = 0;
        long rowDelta = 0;
        for (Run run : runs) {
            for (int i = 0; i < run.groupIndexes().length; i++) {
                byGroup[run.groupIndexes()[i]] = run.output().byGroup().get(i);
            }
            timers.addAll(run.output().timers());
            TwsHandle handle = run.runner().handle();
            deleted.addAll(handle.deletedVariables());
            expired += run.runner().expiredTimers();
            removedByTtl += run.runner().removedByTtl();
            registered += handle.registeredTimers();
            deletedTimers += handle.deletedTimers();
            updated += handle.updatedRows();
            removed += handle.removedRows();
            rowDelta += handle.rowDelta();
        }
        timers.sort(TwsRunner.TimerOutput.FIRING_ORDER);
        List<Row> out = new ArrayList<>();
        for (List<Row> rows : byGroup) {
            out.addAll(rows);
        }
        timers.forEach(t -> out.addAll(t.rows()));
        rowsTotal = commitRowCount(state, rowDelta);
        metrics.clear();
        metrics.put("numExpiredTimers", expired);
        metrics.put("numRegisteredTimers", registered);
        metrics.put("numDeletedTimers", deletedTimers);
        metrics.put("numValuesRemovedDueToTTLExpiry", removedByTtl);
        metrics.put("numDeletedStateVars", (long) deleted.size());
        for (TwsHandle.Kind kind : TwsHandle.Kind.values()) {
            String name = switch (kind) {
                case VALUE -> "numValueStateVars";
                case LIST -> "numListStateVars";
                case MAP -> "numMapStateVars";
            };
            metrics.put(name, variables.stream().filter(v -> v.kind() == kind).count());
        }
        addRowsUpdated(updated);
        addRowsRemoved(removed, 0);
        return out;
    }

    /** Folds the batch's change of the state row count into the stored count (one entry); returns the new count. */
    private static long commitRowCount(PartitionedStateStore state, long delta) {
        byte[] key = TwsLayout.rowCountKey();
        long total = TwsLayout.decodeCount(state.get(key)) + delta;
        state.put(key, TwsLayout.encodeCount(total));
        return total;
    }

    /**
     * With an {@code eventTimeColumnName}, the rows emitted must be after the watermark for late events (Spark's
     * {@code UpdateEventTimeColumnExec}), or the operators after this one would see late rows as on time.
     */
    private void checkEmittedEventTimes(List<Row> out) {
        if (node.eventTime() == null) {
            return;
        }
        int column = node.output().indexOf(node.eventTime());
        long watermarkMs = watermarks().lateEventsMs();
        for (Row row : out) {
            Object t = row.get(column);
            if (t == null) {
                continue;
            }
            long micros = (Long) JavaValues.toInternal(t, DataTypes.TimestampType, ZoneOffset.UTC);
            if (micros <= watermarkMs * 1000) {
                throw new dev.sluice.sql.SluiceException("EMITTING_ROWS_OLDER_THAN_WATERMARK_NOT_ALLOWED", "Previous"
                        + " node emitted a row with eventTime=" + micros + " which is older than"
                        + " current_watermark_value=" + watermarkMs + "\nThis can lead to correctness issues in the"
                        + " stateful operators downstream in the execution pipeline.\nPlease correct the operator"
                        + " logic to emit rows after current global watermark value.", "42815", null);
            }
        }
    }

    /** The map variables the checkpoint's metadata records, read once per run (before this run rewrites it). */
    private java.util.Set<String> storedMaps() {
        if (storedMaps == null) {
            storedMaps = new java.util.HashSet<>();
            OperatorStateMetadata.read(checkpointRoot(), operatorId()).ifPresent(m -> m.stores().forEach(s -> {
                if (s.valueSchema().length() > 0 && s.valueSchema().apply(0).name().equals("user_map_key")) {
                    storedMaps.add(s.name());
                }
            }));
        }
        return storedMaps;
    }

    /** The state rows of every variable (Spark's count: a map's entries, one per value or list), not the timers. */
    @Override
    long numRowsTotal(long storeKeys) {
        return rowsTotal;
    }

    @Override
    Map<String, Long> customMetrics(Map<String, Long> storeMetrics) {
        Map<String, Long> all = new TreeMap<>(storeMetrics);
        all.putAll(metrics);
        return all;
    }

    /** The batch's partitioned store as the runner's store. */
    private record Store(PartitionedStateStore state) implements TwsStore {
        @Override
        public byte[] get(byte[] key) {
            return state.get(key);
        }

        @Override
        public void put(byte[] key, byte[] value) {
            state.put(key, value);
        }

        @Override
        public void remove(byte[] key) {
            state.remove(key);
        }

        @Override
        public Iterator<KeyValue> prefixScan(byte[] prefix) {
            return state.prefixScan(prefix);
        }
    }

    /**
     * One partition of the batch's store as a partition's runner sees it: a key of another partition is a routing
     * bug, refused rather than read or written from the wrong thread.
     */
    private record PartitionStore(PartitionedStateStore state, int partition) implements TwsStore {
        private byte[] own(byte[] key) {
            if (state.partitionOf(key) != partition) {
                throw new IllegalStateException("transformWithState: a key of partition " + state.partitionOf(key)
                        + " reached the task of partition " + partition);
            }
            return key;
        }

        @Override
        public byte[] get(byte[] key) {
            return state.get(own(key));
        }

        @Override
        public void put(byte[] key, byte[] value) {
            state.put(own(key), value);
        }

        @Override
        public void remove(byte[] key) {
            state.remove(own(key));
        }

        @Override
        public Iterator<KeyValue> prefixScan(byte[] prefix) {
            return state.prefixScan(partition, prefix);
        }
    }
}
