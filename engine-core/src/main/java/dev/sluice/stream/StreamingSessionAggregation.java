package dev.sluice.stream;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.LongVector;
import dev.sluice.batch.StructVector;
import dev.sluice.exec.AggregationSpec;
import dev.sluice.exec.HashAggregator;
import dev.sluice.exec.physical.Morsel;
import dev.sluice.exec.physical.ParallelAggregation;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.expr.aggregate.Accumulator;
import dev.sluice.expr.generator.TimeWindow;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.EventTimeColumns;
import dev.sluice.plan.logical.UpdateSessions;
import dev.sluice.sql.streaming.OutputMode;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.state.KeyValue;
import dev.sluice.stream.state.PartitionedStateStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A streaming aggregation over session windows (Spark's {@code SessionWindowStateStoreRestoreExec} +
 * {@code MergingSessionsExec} + {@code SessionWindowStateStoreSaveExec}). The batch's rows already carry the
 * sessions merged within the batch ({@code UpdateSessions}); they are aggregated per (keys, session), then per
 * value of the other grouping keys the batch's sessions are merged with the stored ones (sessions overlapping
 * — {@code next.start <= current.end} — become one, buffers merged state first) and the key's list is written
 * back. State entry: the grouping keys without the session, then the list of sessions, each
 * {@code (start, end, intermediate buffers)}.
 *
 * <p>Output per mode: complete — every session; append — the sessions whose {@code end} is at or before the
 * eviction watermark, once, as they are removed. Update mode is rejected when the query starts, as Spark
 * ({@link UnsupportedOperationChecker}). With a
 * watermark, batch sessions ending at or before the late-events watermark are dropped and counted.
 */
final class StreamingSessionAggregation extends StatefulOperator {
    private final String argString;
    private final AggregationSpec spec;
    private final OutputMode outputMode;
    private final List<DataType> allKeyTypes;
    private final int sessionKey;
    private final int[] otherKeys;
    private final int[] bufferOffsets;
    private final boolean evicts;
    private final boolean watermarked;
    /** Keys: the other grouping keys; "values": one session row (start, end, buffers...). */
    private final StateRows rows;
    private final Accumulator[] merged;
    private final EvictionBound evictionBound = new EvictionBound();
    private final List<dev.sluice.stream.state.OperatorStateMetadata.StoreSchema> storeSchemas;

    StreamingSessionAggregation(int operatorId, Aggregate aggregate, OutputMode outputMode) {
        super(operatorId, aggregate.child(), aggregate.output());
        UpdateSessions sessions = (UpdateSessions) aggregate.child();
        this.spec = new AggregationSpec(aggregate);
        this.argString = dev.sluice.exec.physical.PhysicalPlan.list(aggregate.groupingExpressions()) + ", " + outputMode;
        this.outputMode = outputMode;
        this.allKeyTypes = spec.groupingKeys().stream().map(Expression::dataType).toList();
        AttributeReference session = sessions.sessionOutput();
        this.sessionKey = aggregate.groupingExpressions().indexOf(session);
        this.otherKeys = new int[allKeyTypes.size() - 1];
        List<DataType> keyTypes = new ArrayList<>();
        for (int k = 0, o = 0; k < allKeyTypes.size(); k++) {
            if (k != sessionKey) {
                otherKeys[o++] = k;
                keyTypes.add(allKeyTypes.get(k));
            }
        }
        this.watermarked = EventTimeColumns.hasWatermark(sessions.child());
        this.evicts = EventTimeColumns.of(sessions).containsKey(session.exprId())
                && outputMode != OutputMode.Complete();
        List<DataType> valueTypes = new ArrayList<>(List.of(DataTypes.TimestampType, DataTypes.TimestampType));
        bufferOffsets = spec.appendBufferTypes(valueTypes);
        this.rows = new StateRows(keyTypes, valueTypes);
        this.merged = spec.createAccumulators();
        List<String> keyNames = new ArrayList<>();
        for (int k : otherKeys) {
            keyNames.add(StateRows.columnName(aggregate.groupingExpressions().get(k)));
        }
        List<String> valueNames = new ArrayList<>(List.of("session_start", "session_end"));
        valueNames.addAll(StateRows.bufferNames(spec));
        this.storeSchemas = defaultStore(StateRows.schema(keyNames, keyTypes), StateRows.schema(valueNames, valueTypes));
    }

    @Override
    List<dev.sluice.stream.state.OperatorStateMetadata.StoreSchema> storeSchemas() {
        return storeSchemas;
    }

    @Override
    String name() {
        return "sessionWindowStateStoreSaveExec";
    }

    @Override
    String nodeName() {
        return "SessionWindowStateStoreSave";
    }

    @Override
    String argString() {
        return argString;
    }

    @Override
    boolean shouldRunAnotherBatch(long newWatermarkMs) {
        return watermarked && outputMode != OutputMode.Complete() && newWatermarkMs > watermarks().evictionMs();
    }

    /**
     * Sessions of one state key gathered for merging: the encoded key and its source rows, the batch's
     * ({@code batchSessions} of them) first, then the stored ones.
     */
    private static final class KeySessions {
        final byte[] key;
        final List<Integer> sources = new ArrayList<>();
        int batchSessions;

        KeySessions(byte[] key) {
            this.key = key;
        }
    }

    @Override
    List<Chunk> processBatch(List<Chunk> input, PartitionedStateStore state) {
        HashAggregator batch = aggregateBatch(input);
        int groups = batch.groupCount();
        ColumnVector[] keys = batch.keys();
        ColumnVector[] others = new ColumnVector[otherKeys.length];
        for (int o = 0; o < otherKeys.length; o++) {
            others[o] = keys[otherKeys[o]];
        }
        StructVector batchSessions = (StructVector) keys[sessionKey];
        // 1. the batch's sessions with their buffers, as session rows
        ColumnVector[] batchRows = rows.newValueVectors(groups);
        for (int g = 0; g < groups; g++) {
            batchRows[0].appendFrom(batchSessions.child(0), g);
            batchRows[1].appendFrom(batchSessions.child(1), g);
        }
        for (int a = 0; a < merged.length; a++) {
            batch.writeBuffers(a, slice(batchRows, a));
        }
        // 2. per state key: stored sessions first, then the batch's (late ones dropped)
        long lateMicros = watermarks().lateEventsMs() * 1000;
        Map<ByteBuffer, KeySessions> byKey = new LinkedHashMap<>();
        int dropped = 0;
        for (int g = 0; g < groups; g++) {
            if (evicts && end(batchRows, g) <= lateMicros) {
                dropped++;
                continue;
            }
            byte[] key = rows.encodeKey(others, g);
            byKey.computeIfAbsent(ByteBuffer.wrap(key), k -> new KeySessions(key)).sources.add(g);
        }
        addRowsDroppedByWatermark(dropped);
        KeySessions[] keyList = byKey.values().toArray(new KeySessions[0]);
        int[][] byPartition = state.byPartition(identity(keyList.length), keyList.length, k -> keyList[k].key);
        byte[][] stored = new byte[keyList.length][];
        executionContext().parallelFor(byPartition.length, p -> {
            for (int k : byPartition[p]) {
                stored[k] = state.get(keyList[k].key);
            }
        });
        // stored sessions first (keys in first-seen order), then the batch's: sources' row = the session's id
        ColumnVector[] sources = rows.newValueVectors(groups);
        for (int k = 0; k < keyList.length; k++) {
            keyList[k].batchSessions = keyList[k].sources.size();
            if (stored[k] != null) {
                int before = sources[0].size();
                decodeSessions(stored[k], sources);
                for (int i = before; i < sources[0].size(); i++) {
                    keyList[k].sources.add(i);
                }
            }
        }
        int storedCount = sources[0].size();
        for (KeySessions ks : keyList) {
            for (int i = 0; i < ks.sources.size(); i++) {
                int s = ks.sources.get(i);
                if (i < ks.batchSessions) {
                    for (int c = 0; c < sources.length; c++) {
                        sources[c].appendFrom(batchRows[c], s);
                    }
                    ks.sources.set(i, sources[0].size() - 1);
                }
            }
        }
        // 3. merge overlapping sessions of each key
        int n = sources[0].size();
        int[] target = new int[Math.max(n, 1)];
        List<long[]> targets = new ArrayList<>(); // start, end, touched by the batch (0/1)
        Map<KeySessions, int[]> targetRange = new LinkedHashMap<>();
        for (KeySessions ks : byKey.values()) {
            List<Integer> ordered = new ArrayList<>(ks.sources);
            ordered.sort(Comparator.comparingLong((Integer s) -> start(sources, s)).thenComparingInt(s -> s));
            int first = targets.size();
            long[] current = null;
            for (int s : ordered) {
                if (current == null || start(sources, s) > current[1]) {
                    current = new long[] {start(sources, s), end(sources, s), 0};
                    targets.add(current);
                }
                current[1] = Math.max(current[1], end(sources, s));
                current[2] |= s >= storedCount ? 1 : 0;
                target[s] = targets.size() - 1;
            }
            targetRange.put(ks, new int[] {first, targets.size()});
        }
        for (int a = 0; a < merged.length; a++) {
            merged[a].reset();
            merged[a].ensureGroups(Math.max(targets.size(), 1));
            merged[a].merge(target, slice(sources, a), n);
        }
        ColumnVector[] mergedRows = sessionRows(targets, merged);
        // 4. write back one list per key, partitions in parallel
        executionContext().parallelFor(byPartition.length, p -> {
            for (int k : byPartition[p]) {
                int[] range = targetRange.get(keyList[k]);
                state.put(keyList[k].key, encodeSessions(mergedRows, range[0], range[1]));
            }
        });
        for (long[] t : targets) {
            evictionBound.added(t[1]);
        }
        addRowsUpdated(targets.stream().filter(t -> t[2] == 1).count());
        List<Chunk> out = new ArrayList<>();
        if (outputMode == OutputMode.Complete()) {
            scanAll(state, out);
        } else {
            evict(state, out);
        }
        return out;
    }

    /** Session rows (start, end, merged buffers) of {@code targets}, buffers from {@code accumulators}. */
    private ColumnVector[] sessionRows(List<long[]> targets, Accumulator[] accumulators) {
        ColumnVector[] out = rows.newValueVectors(targets.size());
        for (long[] t : targets) {
            out[0].appendLong(t[0]);
            out[1].appendLong(t[1]);
        }
        for (int a = 0; a < accumulators.length; a++) {
            accumulators[a].writeBuffers(targets.size(), slice(out, a));
        }
        return out;
    }

    /** Aggregates the batch on its own (partial aggregation), on the batch's worker threads. */
    private HashAggregator aggregateBatch(List<Chunk> input) {
        return ParallelAggregation.aggregate(executionContext(), spec, Morsel.ofChunks(input));
    }

    /**
     * Removes the sessions ending at or before the eviction watermark and appends their final rows to
     * {@code emitted}: each state partition scanned, cleaned and emitted by one task, partitions in parallel, the
     * rows in partition order (as one scan of every partition).
     */
    private void evict(PartitionedStateStore state, List<Chunk> emitted) {
        long evictionMicros = watermarks().evictionMs() * 1000;
        if (!evicts || !evictionBound.mayExpire(evictionMicros)) {
            return;
        }
        long start = System.nanoTime();
        int partitions = state.partitions();
        Chunk[] emittedBy = new Chunk[partitions];
        long[] removedBy = new long[partitions];
        long[] lowestBy = new long[partitions];
        executionContext().parallelFor(partitions, p -> {
            ColumnVector[] keyVectors = rows.newKeyVectors(16);
            ColumnVector[] expired = rows.newValueVectors(16);
            List<Integer> keyRows = new ArrayList<>();
            Map<byte[], byte[]> rewrites = new LinkedHashMap<>();
            long lowest = Long.MAX_VALUE;
            long removed = 0;
            int decodedKeys = 0;
            Iterator<KeyValue> it = state.iterator(p);
            while (it.hasNext()) {
                KeyValue kv = it.next();
                ColumnVector[] sessions = rows.newValueVectors(4);
                decodeSessions(kv.value(), sessions);
                int kept = 0;
                ColumnVector[] remaining = rows.newValueVectors(4);
                boolean any = false;
                for (int s = 0; s < sessions[0].size(); s++) {
                    ColumnVector[] into = end(sessions, s) <= evictionMicros ? expired : remaining;
                    if (into == expired) {
                        any = true;
                        removed++;
                        keyRows.add(decodedKeys);
                    } else {
                        kept++;
                        lowest = Math.min(lowest, end(sessions, s));
                    }
                    for (int c = 0; c < sessions.length; c++) {
                        into[c].appendFrom(sessions[c], s);
                    }
                }
                if (any) {
                    rows.decodeKey(kv.key(), keyVectors);
                    decodedKeys++;
                    rewrites.put(kv.key(), kept == 0 ? null : encodeSessions(remaining, 0, kept));
                }
            }
            for (Map.Entry<byte[], byte[]> e : rewrites.entrySet()) {
                if (e.getValue() == null) {
                    state.remove(e.getKey());
                } else {
                    state.put(e.getKey(), e.getValue());
                }
            }
            removedBy[p] = removed;
            lowestBy[p] = lowest;
            if (removed > 0) {
                emittedBy[p] = resultOfSessions(keyVectors, keyRows, expired);
            }
        });
        long removed = 0;
        long lowest = Long.MAX_VALUE;
        for (int p = 0; p < partitions; p++) {
            removed += removedBy[p];
            lowest = Math.min(lowest, lowestBy[p]);
            if (emittedBy[p] != null) {
                emitted.add(emittedBy[p]);
            }
        }
        evictionBound.scanned(lowest);
        addRowsRemoved(removed, System.nanoTime() - start);
    }

    /** Complete mode: every stored session, partitions read in parallel, rows in partition order. */
    private void scanAll(PartitionedStateStore state, List<Chunk> out) {
        Chunk[] byPartition = new Chunk[state.partitions()];
        executionContext().parallelFor(byPartition.length, p -> {
            ColumnVector[] keyVectors = rows.newKeyVectors(16);
            ColumnVector[] sessions = rows.newValueVectors(16);
            List<Integer> keyRows = new ArrayList<>();
            Iterator<KeyValue> it = state.iterator(p);
            int key = 0;
            while (it.hasNext()) {
                KeyValue kv = it.next();
                rows.decodeKey(kv.key(), keyVectors);
                int before = sessions[0].size();
                decodeSessions(kv.value(), sessions);
                for (int s = before; s < sessions[0].size(); s++) {
                    keyRows.add(key);
                }
                key++;
            }
            byPartition[p] = keyRows.isEmpty() ? null : resultOfSessions(keyVectors, keyRows, sessions);
        });
        for (Chunk c : byPartition) {
            if (c != null) {
                out.add(c);
            }
        }
        if (out.isEmpty()) {
            out.add(resultOfSessions(rows.newKeyVectors(1), List.of(), rows.newValueVectors(1)));
        }
    }

    /**
     * Final rows of decoded session rows; session {@code i} belongs to key row {@code keyRows[i]}. Uses accumulators
     * of its own, so tasks of different partitions may call it at once.
     */
    private Chunk resultOfSessions(ColumnVector[] keyVectors, List<Integer> keyRows, ColumnVector[] sessions) {
        int n = keyRows.size();
        int[] ids = identity(n);
        Accumulator[] accumulators = spec.createAccumulators();
        for (int a = 0; a < accumulators.length; a++) {
            accumulators[a].reset();
            accumulators[a].ensureGroups(Math.max(n, 1));
            accumulators[a].merge(ids, slice(sessions, a), n);
        }
        return result(accumulators, keyVectors, keyRows.stream().mapToInt(Integer::intValue).toArray(), sessions,
                ids, n);
    }

    /**
     * Output rows of sessions {@code selected[0..count)} of {@code sessionRows} (aggregates from
     * {@code accumulators} at the same ids); the other keys of output {@code i} are row {@code keyRows[i]} of
     * {@code keyVectors}.
     */
    private Chunk result(Accumulator[] accumulators, ColumnVector[] keyVectors, int[] keyRows, ColumnVector[] sessionRows, int[] selected,
                         int count) {
        List<ColumnVector> intermediate = new ArrayList<>();
        for (int k = 0, o = 0; k < allKeyTypes.size(); k++) {
            ColumnVector out = ColumnVector.allocate(allKeyTypes.get(k), Math.max(count, 1));
            if (k == sessionKey) {
                long[] starts = new long[count];
                long[] ends = new long[count];
                for (int i = 0; i < count; i++) {
                    starts[i] = start(sessionRows, selected[i]);
                    ends[i] = end(sessionRows, selected[i]);
                }
                out = StructVector.of(TimeWindow.TYPE, new ColumnVector[] {
                    LongVector.wrap(DataTypes.TimestampType, starts, count, null),
                    LongVector.wrap(DataTypes.TimestampType, ends, count, null)}, count, null);
            } else {
                for (int i = 0; i < count; i++) {
                    out.appendFrom(keyVectors[o], keyRows[i]);
                }
                o++;
            }
            intermediate.add(out);
        }
        for (int a = 0; a < accumulators.length; a++) {
            ColumnVector out = ColumnVector.allocate(spec.functions().get(a).dataType(), Math.max(count, 1));
            for (int i = 0; i < count; i++) {
                accumulators[a].writeResult(selected[i], out);
            }
            intermediate.add(out);
        }
        Chunk groupsChunk = new Chunk(count, intermediate);
        List<Expression> projections = spec.resultProjections();
        ColumnVector[] columns = new ColumnVector[projections.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = projections.get(i).eval(groupsChunk);
        }
        return new Chunk(count, columns);
    }

    private static long start(ColumnVector[] sessionRows, int row) {
        return ((LongVector) sessionRows[0]).values()[row];
    }

    private static long end(ColumnVector[] sessionRows, int row) {
        return ((LongVector) sessionRows[1]).values()[row];
    }

    private ColumnVector[] slice(ColumnVector[] sessionRows, int function) {
        return Arrays.copyOfRange(sessionRows, bufferOffsets[function], bufferOffsets[function + 1]);
    }

    private byte[] encodeSessions(ColumnVector[] sessionRows, int from, int to) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(to - from);
            for (int s = from; s < to; s++) {
                byte[] row = rows.encodeValue(sessionRows, s);
                out.writeInt(row.length);
                out.write(row);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends the sessions of a stored list to {@code into}. */
    private void decodeSessions(byte[] value, ColumnVector[] into) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(value));
            int count = in.readInt();
            for (int s = 0; s < count; s++) {
                byte[] row = new byte[in.readInt()];
                in.readFully(row);
                rows.decodeValue(row, into);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
