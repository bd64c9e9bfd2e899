package dev.sluice.stream;

import dev.sluice.analysis.JavaValues;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.exec.Binder;
import dev.sluice.exec.GroupStateImpl;
import dev.sluice.exec.GroupsWithStateCalls;
import dev.sluice.exec.RowBytes;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.plan.logical.EventTimeColumns;
import dev.sluice.plan.logical.FlatMapGroupsWithState;
import dev.sluice.plan.logical.GroupsWithStateFunction;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.GroupStateTimeout;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.state.PartitionedStateStore;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Streaming {@code [flat]MapGroupsWithState} (Spark's {@code FlatMapGroupsWithStateExec}). Per batch: the
 * function is called for each key with data (values in arrival order), then for each key whose timeout
 * expired (no values, {@code hasTimedOut}); a processing-time timeout expires when the batch timestamp
 * passes it, an event-time timeout when the eviction watermark does. State entry: key = the key encoder's
 * columns; value = the state encoder's columns, whether the state exists, and the timeout timestamp (ms, or
 * -1), so a group may keep a timeout without state, as Spark. With an event-time timeout, input rows at or
 * before the late-events watermark are dropped. An initial state is stored in the first batch (batch 0), and
 * every key of it is called then, with its rows if any (Spark's default).
 *
 * <p>Keys are routed to their state partition; each partition's keys are called on one task, partitions in
 * parallel on the query's {@code local[N]} threads (as Spark calls the function from one task per partition), so
 * the function may run on several threads at once, for different keys. The output keeps the order of a
 * one-thread run: keys with rows in first-seen order, then the initial state's other keys, then timed-out keys
 * partition by partition.
 */
final class StreamingGroupsWithState extends StatefulOperator {
    private final FlatMapGroupsWithState node;
    private final GroupsWithStateFunction function;
    private final StructType keySchema;
    private final StructType valueSchema;
    private final StateRows rows;
    /** The key columns' bytes (the same layout as {@link #rows}' keys: a {@code RowCodec} of the key types). */
    private final RowBytes keyBytes;
    private final boolean watermarkPresent;
    private final Expression eventTime;
    private final int stateColumns;

    StreamingGroupsWithState(int operatorId, FlatMapGroupsWithState node, LogicalPlan incrementalChild) {
        super(operatorId, incrementalChild, node.output());
        checkEventTimeColumns(node.child().output(), node.child());
        this.node = node;
        this.function = node.function();
        this.keySchema = function.keySchema();
        StructType state = function.stateSchema();
        this.stateColumns = state.length();
        List<StructField> value = new ArrayList<>(Arrays.asList(state.fields()));
        value.add(new StructField("_exists", DataTypes.BooleanType, false));
        value.add(new StructField("_timeoutTimestamp", DataTypes.LongType, false));
        this.valueSchema = new StructType(value);
        this.rows = new StateRows(types(keySchema), types(valueSchema));
        this.keyBytes = new RowBytes(keySchema);
        this.watermarkPresent = EventTimeColumns.hasWatermark(node.child());
        Map<Long, Long> delays = EventTimeColumns.of(node.child());
        AttributeReference time = EventTimeColumns.find(node.child().output(), delays);
        this.eventTime = time == null || node.timeout() != GroupStateTimeout.EventTimeTimeout() ? null
                : Binder.bind(time, node.child().output());
    }

    @Override
    List<dev.sluice.stream.state.OperatorStateMetadata.StoreSchema> storeSchemas() {
        return defaultStore(keySchema, valueSchema);
    }

    private static List<dev.sluice.sql.types.DataType> types(StructType schema) {
        return Arrays.stream(schema.fields()).map(StructField::dataType).toList();
    }

    @Override
    String name() {
        return "flatMapGroupsWithState";
    }

    @Override
    String nodeName() {
        return "FlatMapGroupsWithState";
    }

    /** Like Spark's: the output carries no watermark (user code decides its rows' event times). */
    @Override
    java.util.OptionalLong outputWatermark(long inputWatermarkMs) {
        return java.util.OptionalLong.empty();
    }

    @Override
    boolean shouldRunAnotherBatch(long newWatermarkMs) {
        GroupStateTimeout timeout = node.timeout();
        if (timeout == GroupStateTimeout.ProcessingTimeTimeout()) {
            return true;
        }
        return timeout == GroupStateTimeout.EventTimeTimeout() && watermarkPresent
                && newWatermarkMs > watermarks().evictionMs();
    }

    @Override
    boolean runsBatchesWithoutData() {
        return node.timeout() == GroupStateTimeout.ProcessingTimeTimeout();
    }

    /** A decoded state entry: the state object (or null) and its timeout (or -1). */
    private record Stored(Object state, long timeoutTimestamp) {
    }

    @Override
    List<Chunk> processBatch(List<Chunk> input, PartitionedStateStore state) {
        List<Chunk> onTime = new ArrayList<>();
        for (Chunk c : input) {
            onTime.add(dropLate(c));
        }
        // the first batch starts from the initial state, if any: stored first, so that it stays when the
        // function leaves it alone
        Map<Row, Object> initial = version() == 0 ? GroupsWithStateCalls.initialStates(node) : Map.of();
        for (Map.Entry<Row, Object> e : initial.entrySet()) {
            state.put(encodeKey(e.getKey()), encodeValue(e.getValue(), GroupStateImpl.NO_TIMESTAMP));
            addRowsUpdated(1);
        }
        // the keys with rows (first-seen order), then those of the initial state without rows
        Map<Row, List<Row>> groups = GroupsWithStateCalls.group(node, onTime);
        List<Row> keys = new ArrayList<>(groups.keySet());
        for (Row keyRow : initial.keySet()) {
            if (!groups.containsKey(keyRow)) {
                keys.add(keyRow);
            }
        }
        byte[][] keyBytes = new byte[keys.size()][];
        int[] all = new int[keys.size()];
        for (int k = 0; k < keyBytes.length; k++) {
            keyBytes[k] = encodeKey(keys.get(k));
            all[k] = k;
        }
        // each state partition's keys on one task, partitions in parallel; outputs kept per key so that they
        // come out in key order whatever the threads did
        int[][] byPartition = state.byPartition(all, all.length, k -> keyBytes[k]);
        @SuppressWarnings("unchecked")
        List<Row>[] outByKey = new List[keys.size()];
        Counts[] counts = Counts.perPartition(byPartition.length);
        executionContext().parallelFor(byPartition.length, p -> {
            for (int k : byPartition[p]) {
                outByKey[k] = new ArrayList<>();
                Row keyRow = keys.get(k);
                List<Row> values = groups.getOrDefault(keyRow, List.of());
                callAndUpdate(state, keyBytes[k], keyRow, values, decode(state.get(keyBytes[k])), false, outByKey[k],
                        counts[p]);
            }
        });
        List<Row> out = new ArrayList<>();
        for (List<Row> rows : outByKey) {
            out.addAll(rows);
        }
        processTimeouts(state, out, counts);
        for (Counts c : counts) {
            addRowsUpdated(c.updated);
            addRowsRemoved(c.removed, c.removalNanos);
        }
        return GroupsWithStateCalls.toChunks(node, out);
    }

    /** What one partition's task changed, added to the operator's metrics once the tasks are done. */
    private static final class Counts {
        long updated;
        long removed;
        long removalNanos;

        static Counts[] perPartition(int partitions) {
            Counts[] counts = new Counts[partitions];
            for (int p = 0; p < partitions; p++) {
                counts[p] = new Counts();
            }
            return counts;
        }
    }

    /**
     * Calls the function for each key whose timeout expired, partitions in parallel; the output comes in the order
     * of a scan of every partition, partition by partition.
     */
    private void processTimeouts(PartitionedStateStore state, List<Row> out, Counts[] counts) {
        GroupStateTimeout timeout = node.timeout();
        long threshold;
        if (timeout == GroupStateTimeout.ProcessingTimeTimeout()) {
            threshold = batchTimestampMs();
        } else if (timeout == GroupStateTimeout.EventTimeTimeout() && watermarkPresent) {
            threshold = watermarks().evictionMs();
        } else {
            return;
        }
        int timeoutColumn = stateColumns + 1;
        @SuppressWarnings("unchecked")
        List<Row>[] outByPartition = new List[state.partitions()];
        executionContext().parallelFor(outByPartition.length, p -> {
            List<byte[]> expired = new ArrayList<>();
            rows.scan(state.iterator(p), e -> {
                ColumnVector timeouts = e.values()[timeoutColumn];
                for (int i = 0; i < e.count(); i++) {
                    long t = ((Long) timeouts.getObject(i));
                    if (t != GroupStateImpl.NO_TIMESTAMP && t < threshold) {
                        expired.add(e.rawKeys()[i]);
                    }
                }
            });
            outByPartition[p] = new ArrayList<>();
            for (byte[] key : expired) {
                callAndUpdate(state, key, decodeKey(key), List.of(), decode(state.get(key)), true, outByPartition[p],
                        counts[p]);
            }
        });
        for (List<Row> rows : outByPartition) {
            out.addAll(rows);
        }
    }

    private void callAndUpdate(PartitionedStateStore state, byte[] key, Row keyRow, List<Row> values, Stored stored,
                               boolean timedOut, List<Row> out, Counts counts) {
        GroupStateImpl<Object> groupState = new GroupStateImpl<>(stored.state(), batchTimestampMs(),
                watermarks().evictionMs(), watermarkPresent, node.timeout(), timedOut);
        GroupsWithStateCalls.call(node, keyRow, values, groupState, out);
        long newTimeout = groupState.timeoutTimestamp();
        if (groupState.isRemoved() && newTimeout == GroupStateImpl.NO_TIMESTAMP) {
            if (stored.state() != null || stored.timeoutTimestamp() != GroupStateImpl.NO_TIMESTAMP) {
                long start = System.nanoTime();
                state.remove(key);
                counts.removed++;
                counts.removalNanos += System.nanoTime() - start;
            }
        } else if (groupState.isUpdated() || groupState.isRemoved() || newTimeout != stored.timeoutTimestamp()) {
            state.put(key, encodeValue(groupState.exists() ? groupState.get() : null, newTimeout));
            counts.updated++;
        }
    }

    /** The rows of {@code c} after the late-events watermark (all of them without an event-time timeout). */
    private Chunk dropLate(Chunk c) {
        if (eventTime == null) {
            return c;
        }
        return dropLateRows(c, eventTime.eval(c));
    }

    private byte[] encodeKey(Row key) {
        return keyBytes.encode(key);
    }

    private Row decodeKey(byte[] key) {
        return keyBytes.decode(key);
    }

    private byte[] encodeValue(Object stateObject, long timeoutTimestamp) {
        Object[] values = new Object[valueSchema.length()];
        if (stateObject != null) {
            Row s = function.encodeState(stateObject);
            for (int i = 0; i < stateColumns; i++) {
                values[i] = s.get(i);
            }
        }
        values[stateColumns] = stateObject != null;
        values[stateColumns + 1] = timeoutTimestamp;
        Chunk c = JavaValues.toChunks(List.of(new dev.sluice.sql.GenericRow(values, valueSchema)), valueSchema,
                ZoneOffset.UTC).get(0);
        return rows.encodeValue(c.columns(), 0);
    }

    private Stored decode(byte[] value) {
        if (value == null) {
            return new Stored(null, GroupStateImpl.NO_TIMESTAMP);
        }
        ColumnVector[] columns = rows.newValueVectors(1);
        rows.decodeValue(value, columns);
        Row row = JavaValues.toRows(List.of(new Chunk(1, columns)), valueSchema).get(0);
        Object stateObject = null;
        if (row.getBoolean(stateColumns)) {
            Object[] fields = new Object[stateColumns];
            for (int i = 0; i < stateColumns; i++) {
                fields[i] = row.get(i);
            }
            stateObject = function.decodeState(new dev.sluice.sql.GenericRow(fields, function.stateSchema()));
        }
        return new Stored(stateObject, row.getLong(stateColumns + 1));
    }
}
