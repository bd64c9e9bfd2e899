package dev.sluice.stream;

import dev.sluice.batch.BooleanVector;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.state.ByteKey;
import dev.sluice.state.KeyValue;
import dev.sluice.state.RowCodec;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.expr.AttributeReference;
import dev.sluice.sql.types.StructType;
import dev.sluice.stream.state.JoinStateLayout;
import dev.sluice.stream.state.OperatorStateMetadata;
import dev.sluice.stream.state.PartitionedStateStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The buffered input rows of one side of a stream-stream join in join state layout version 1 (checkpoints that
 * record no {@code spark.sluice.state.joinLayoutVersion}, or 1; {@link JoinSideStateV2} is version 2), kept in
 * the join operator's state store in the layout of Spark's {@code SymmetricHashJoinStateManager}: per join key a count entry
 * ({@code [count tag][key]} → number of rows) and one entry per row ({@code [row tag][key][index]} → the
 * row's columns and its "matched" flag, set once the row has joined with some row of the other side, so
 * an outer join knows at eviction whether to emit it with NULLs). Both sides share one store, told apart
 * by their tags. Rows of one key are numbered 0..n-1; a removal moves the last row into the hole.
 *
 * <p>Everything lives in the versioned store, so a restart from a checkpoint (any provider) finds the rows
 * of the last committed batch. Called by the query's execution thread; reads, appends, flag updates and the
 * eviction scan go to the store's partitions in parallel through {@link Bulk}.
 */
class JoinSideState {
    /** Decoded rows of this side: the side's columns plus a trailing matched flag, with their state address. */
    static final class Rows {
        final ColumnVector[] columns;
        final List<byte[]> keys = new ArrayList<>();
        int[] indexes = new int[16];
        /** Layout version 2: per join key the meta read, per block entry its rows' encodings (for flag updates). */
        final Map<ByteKey, dev.sluice.stream.state.JoinBlockLayout.Meta> metas = new java.util.HashMap<>();
        final Map<ByteKey, List<byte[]>> blockRows = new java.util.HashMap<>();

        Rows(ColumnVector[] columns) {
            this.columns = columns;
        }

        int size() {
            return keys.size();
        }

        /** Records where the row just decoded into {@link #columns} lives. */
        void added(byte[] key, int index) {
            if (keys.size() == indexes.length) {
                indexes = Arrays.copyOf(indexes, indexes.length * 2);
            }
            indexes[keys.size()] = index;
            keys.add(key);
        }

        boolean matched(int row) {
            return ((BooleanVector) columns[columns.length - 1]).values()[row];
        }

        /** The side's columns (without the flag) as a chunk. */
        Chunk chunk() {
            return new Chunk(size(), Arrays.copyOf(columns, columns.length - 1));
        }
    }

    /**
     * Many reads or writes at once, the store's partitions in parallel (the operator's {@code local[N]} threads):
     * a join's entries are routed to partitions one by one, so a key's count and rows may live in different ones.
     */
    interface Bulk {
        /** The values of {@code keys} ({@code null} where absent). */
        byte[][] getAll(byte[][] keys);

        /** Writes each value under its key (removes the key where the value is {@code null}); each key at most once. */
        void putAll(byte[][] keys, byte[][] values);

        /** Runs {@code body} for every index below {@code count}, in parallel; the calls touch disjoint state. */
        void parallelFor(int count, java.util.function.IntConsumer body);
    }

    private final byte countTag;
    private final byte rowTag;
    final RowCodec keyCodec;
    final RowCodec valueCodec;
    final List<DataType> valueTypes;

    JoinSideState(boolean left, List<DataType> keyTypes, List<DataType> rowTypes) {
        this.countTag = JoinStateLayout.countTag(left);
        this.rowTag = JoinStateLayout.rowTag(left);
        this.keyCodec = new RowCodec(StateRows.schema(keyTypes));
        List<DataType> values = new ArrayList<>(rowTypes);
        values.add(DataTypes.BooleanType);
        this.valueTypes = List.copyOf(values);
        this.valueCodec = new RowCodec(StateRows.schema(valueTypes));
    }

    /**
     * The state layout of a stream-stream join, as Spark names its four stores (Sluice keeps them in one
     * store, told apart by a tag byte): per side, {@code <side>-keyToNumValues} (join key to row count) and
     * {@code <side>-keyWithIndexToValue} (join key and index to the row and its matched flag).
     */
    static List<OperatorStateMetadata.StoreSchema> storeSchemas(List<String> keyNames, List<DataType> keyTypes,
            List<AttributeReference> leftRow, List<AttributeReference> rightRow) {
        List<OperatorStateMetadata.StoreSchema> out = new ArrayList<>();
        StructType key = StateRows.schema(keyNames, keyTypes);
        List<String> indexedNames = new ArrayList<>(keyNames);
        indexedNames.add("index");
        List<DataType> indexedTypes = new ArrayList<>(keyTypes);
        indexedTypes.add(DataTypes.IntegerType);
        StructType indexedKey = StateRows.schema(indexedNames, indexedTypes);
        for (String side : List.of("left", "right")) {
            List<AttributeReference> row = side.equals("left") ? leftRow : rightRow;
            List<String> names = new ArrayList<>(row.stream().map(AttributeReference::name).toList());
            names.add("matched");
            List<DataType> types = new ArrayList<>(row.stream().map(AttributeReference::dataType).toList());
            types.add(DataTypes.BooleanType);
            out.add(new OperatorStateMetadata.StoreSchema(side + "-keyToNumValues", key,
                    StateRows.schema(List.of("value"), List.of(DataTypes.IntegerType))));
            out.add(new OperatorStateMetadata.StoreSchema(side + "-keyWithIndexToValue", indexedKey,
                    StateRows.schema(names, types)));
        }
        return out;
    }

    /** The encoded join key of row {@code row}. */
    byte[] encodeKey(ColumnVector[] keys, int row) {
        return keyCodec.encode(keys, row);
    }

    Rows newRows() {
        return new Rows(StateRows.allocate(valueTypes, 16));
    }

    /** Appends every stored row of each of {@code keys}, keys in that order, rows by index, to {@code into}. */
    void getAll(Bulk store, List<byte[]> keys, Rows into) {
        int n = keys.size();
        byte[][] countKeys = new byte[n][];
        for (int k = 0; k < n; k++) {
            countKeys[k] = countKey(keys.get(k));
        }
        byte[][] counts = store.getAll(countKeys);
        int total = 0;
        int[] count = new int[n];
        for (int k = 0; k < n; k++) {
            count[k] = counts[k] == null ? 0 : JoinStateLayout.count(counts[k]);
            total += count[k];
        }
        byte[][] rowKeys = new byte[total][];
        for (int k = 0, r = 0; k < n; k++) {
            for (int i = 0; i < count[k]; i++) {
                rowKeys[r++] = rowKey(keys.get(k), i);
            }
        }
        byte[][] values = store.getAll(rowKeys);
        for (int k = 0, r = 0; k < n; k++) {
            for (int i = 0; i < count[k]; i++) {
                valueCodec.decodeInto(values[r++], into.columns);
                into.added(keys.get(k), i);
            }
        }
    }

    /**
     * Stores rows {@code rows[0..count)} of {@code columns} (the side's columns and the matched flag), row
     * {@code rows[j]} under {@code keys.get(j)}, each key's rows numbered after those it holds, in this order;
     * {@code times[j]}: row {@code rows[j]}'s eviction time ({@link Long#MAX_VALUE}: none).
     */
    void appendAll(Bulk store, List<byte[]> keys, ColumnVector[] columns, int[] rows, long[] times, int count) {
        Map<ByteKey, int[]> next = new LinkedHashMap<>();
        ByteKey[] wrapped = new ByteKey[count];
        for (int j = 0; j < count; j++) {
            wrapped[j] = new ByteKey(keys.get(j));
            next.putIfAbsent(wrapped[j], new int[1]);
        }
        List<ByteKey> distinct = new ArrayList<>(next.keySet());
        byte[][] countKeys = new byte[distinct.size()][];
        for (int d = 0; d < countKeys.length; d++) {
            countKeys[d] = countKey(distinct.get(d).bytes());
        }
        byte[][] counts = store.getAll(countKeys);
        for (int d = 0; d < countKeys.length; d++) {
            next.get(distinct.get(d))[0] = counts[d] == null ? 0 : JoinStateLayout.count(counts[d]);
        }
        byte[][] putKeys = new byte[count + countKeys.length][];
        byte[][] putValues = new byte[putKeys.length][];
        for (int j = 0; j < count; j++) {
            int[] index = next.get(wrapped[j]);
            putKeys[j] = rowKey(keys.get(j), index[0]++);
            putValues[j] = valueCodec.encode(columns, rows[j]);
        }
        for (int d = 0; d < countKeys.length; d++) {
            putKeys[count + d] = countKeys[d];
            putValues[count + d] = intBytes(next.get(distinct.get(d))[0]);
        }
        store.putAll(putKeys, putValues);
    }

    /** Rewrites rows {@code which[0..count)} of {@code rows} (after their matched flags changed). */
    void updateAll(Bulk store, Rows rows, int[] which, int count) {
        byte[][] keys = new byte[count][];
        byte[][] values = new byte[count][];
        for (int j = 0; j < count; j++) {
            int row = which[j];
            keys[j] = rowKey(rows.keys.get(row), rows.indexes[row]);
            values[j] = valueCodec.encode(rows.columns, row);
        }
        store.putAll(keys, values);
    }

    /**
     * Tests one decoded row for eviction: key columns and value columns (the flag last; null when the scan decodes
     * keys only), at {@code row}; called for the rows of different partitions on different threads at once.
     */
    interface EvictionTest {
        boolean evict(int partition, ColumnVector[] keyColumns, ColumnVector[] valueColumns, int row);
    }

    /**
     * Removes the rows for which {@code test} is true and returns how many; appends them to {@code removed} when
     * it is not null (an outer side emits its unmatched ones; an inner join only needs the count, so their
     * values are not read). Scans the whole store (both sides share it; only this side's rows are tested), each
     * partition on a task of its own, decoding {@link Chunk#DEFAULT_ROWS} rows at a time; {@code keyOnly}: the
     * test reads the key columns only, so the rows' values are not decoded. The rows are removed, key by key, in
     * the order of a scan of every partition, partition by partition.
     */
    long removeWhere(PartitionedStateStore store, Bulk bulk, List<DataType> keyTypes, boolean keyOnly,
                     EvictionTest test, Rows removed) {
        @SuppressWarnings("unchecked")
        Map<ByteKey, List<Integer>>[] doomedBy = new Map[store.partitions()];
        bulk.parallelFor(doomedBy.length, p -> {
            Map<ByteKey, List<Integer>> doomed = new LinkedHashMap<>();
            Iterator<KeyValue> it = store.iterator(p);
            byte[][] rawKeys = new byte[Chunk.DEFAULT_ROWS][];
            while (it.hasNext()) {
                ColumnVector[] keyColumns = StateRows.allocate(keyTypes, Chunk.DEFAULT_ROWS);
                ColumnVector[] valueColumns = keyOnly ? null : StateRows.allocate(valueTypes, Chunk.DEFAULT_ROWS);
                int n = 0;
                while (n < Chunk.DEFAULT_ROWS && it.hasNext()) {
                    KeyValue kv = it.next();
                    byte[] raw = kv.key();
                    if (raw[0] == rowTag) {
                        keyCodec.decodeInto(Arrays.copyOfRange(raw, 1, raw.length - JoinStateLayout.INDEX_BYTES),
                                keyColumns);
                        if (!keyOnly) {
                            valueCodec.decodeInto(kv.value(), valueColumns);
                        }
                        rawKeys[n++] = raw;
                    }
                }
                for (int i = 0; i < n; i++) {
                    if (test.evict(p, keyColumns, valueColumns, i)) {
                        byte[] raw = rawKeys[i];
                        doomed.computeIfAbsent(new ByteKey(Arrays.copyOfRange(raw, 1, raw.length - 4)),
                                k -> new ArrayList<>()).add(JoinStateLayout.index(raw));
                    }
                }
            }
            doomedBy[p] = doomed;
        });
        Map<ByteKey, List<Integer>> doomed = new LinkedHashMap<>();
        for (Map<ByteKey, List<Integer>> part : doomedBy) {
            part.forEach((key, indexes) -> doomed.computeIfAbsent(key, k -> new ArrayList<>()).addAll(indexes));
        }
        // updates only after the scan: a store must not change under its iterator
        long count = 0;
        for (Map.Entry<ByteKey, List<Integer>> e : doomed.entrySet()) {
            count += removeRows(store, e.getKey().bytes(), e.getValue(), removed);
        }
        return count;
    }

    /**
     * Where a row's eviction time is read: field {@code keyField} of the join key when it is at least 0 (every row
     * of a key then has the key's time), else field {@code valueField} of the row; neither: the row has none.
     */
    record TimeField(int keyField, int valueField) {
    }

    /** Appends the eviction time of each row to {@code into} (one field decoded, the others skipped). */
    void decodeTimes(TimeField field, byte[][] keys, byte[][] values, int count, ColumnVector into) {
        for (int i = 0; i < count; i++) {
            if (field.keyField() >= 0) {
                keyCodec.decodeFieldInto(keys[i], field.keyField(), into);
            } else {
                valueCodec.decodeFieldInto(values[i], field.valueField(), into);
            }
        }
    }

    static long time(ColumnVector times, int row) {
        return times.isNull(row) ? Long.MAX_VALUE : StateRows.eventTimeMicros(times, row);
    }

    DataType timeType(TimeField field, List<DataType> keyTypes) {
        return field.keyField() >= 0 ? keyTypes.get(field.keyField()) : valueTypes.get(field.valueField());
    }

    /**
     * Fills {@code index} with every stored row of this side (one scan of the store, partitions in parallel,
     * decoding only each row's time field), replacing what it held.
     */
    void rebuildIndex(PartitionedStateStore store, Bulk bulk, List<DataType> keyTypes, TimeField field,
                      JoinEvictionIndex index) {
        index.clear();
        if (field.keyField() < 0 && field.valueField() < 0) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Object[]>[] found = new List[store.partitions()];
        bulk.parallelFor(found.length, p -> {
            List<Object[]> rows = new ArrayList<>();
            Iterator<KeyValue> it = store.iterator(p);
            ColumnVector times = ColumnVector.allocate(timeType(field, keyTypes), 16);
            while (it.hasNext()) {
                KeyValue kv = it.next();
                byte[] raw = kv.key();
                if (raw[0] == rowTag) {
                    byte[] key = Arrays.copyOfRange(raw, 1, raw.length - JoinStateLayout.INDEX_BYTES);
                    decodeTimes(field, new byte[][] {key}, new byte[][] {kv.value()}, 1, times);
                    rows.add(new Object[] {key, time(times, times.size() - 1)});
                }
            }
            found[p] = rows;
        });
        for (List<Object[]> rows : found) {
            for (Object[] row : rows) {
                index.add((Long) row[1], new ByteKey((byte[]) row[0]));
            }
        }
    }

    /**
     * Removes this side's rows whose eviction time is at or before {@code watermarkMicros}, visiting only the keys
     * {@code index} names, and returns how many went; the rows are counted, not emitted (an inner side). Leaves
     * the store exactly as {@link #removeWhere} with the same test would: the kept rows of a key keep their order,
     * numbered 0..k-1. When the time is the key's, the rows' values are not read.
     */
    long removeIndexed(Bulk bulk, List<DataType> keyTypes, TimeField field, JoinEvictionIndex index,
                       long watermarkMicros) {
        if (!index.mayExpire(watermarkMicros)) {
            return 0;
        }
        List<ByteKey> keys = index.candidates(watermarkMicros);
        int n = keys.size();
        byte[][] keyBytes = new byte[n][];
        byte[][] countKeys = new byte[n][];
        for (int k = 0; k < n; k++) {
            keyBytes[k] = keys.get(k).bytes();
            countKeys[k] = countKey(keyBytes[k]);
        }
        byte[][] counts = bulk.getAll(countKeys);
        int[] count = new int[n];
        int total = 0;
        for (int k = 0; k < n; k++) {
            count[k] = counts[k] == null ? 0 : JoinStateLayout.count(counts[k]);
            total += count[k];
        }
        List<byte[]> putKeys = new ArrayList<>();
        List<byte[]> putValues = new ArrayList<>();
        java.util.Set<ByteKey> emptied = new java.util.HashSet<>();
        long removed = 0;
        ColumnVector times = ColumnVector.allocate(timeType(field, keyTypes), Math.max(n, 16));
        if (field.keyField() >= 0) {
            decodeTimes(field, keyBytes, null, n, times);
            for (int k = 0; k < n; k++) {
                long t = time(times, k);
                if (count[k] > 0 && t != Long.MAX_VALUE && t <= watermarkMicros) {
                    for (int i = 0; i < count[k]; i++) {
                        putKeys.add(rowKey(keyBytes[k], i));
                        putValues.add(null);
                    }
                    putKeys.add(countKeys[k]);
                    putValues.add(null);
                    removed += count[k];
                    emptied.add(keys.get(k));
                } else if (count[k] == 0) {
                    emptied.add(keys.get(k));
                }
            }
        } else {
            byte[][] rowKeys = new byte[total][];
            for (int k = 0, r = 0; k < n; k++) {
                for (int i = 0; i < count[k]; i++) {
                    rowKeys[r++] = rowKey(keyBytes[k], i);
                }
            }
            byte[][] values = bulk.getAll(rowKeys);
            decodeTimes(field, null, values, total, times);
            for (int k = 0, r = 0; k < n; k++) {
                int kept = 0;
                for (int i = 0; i < count[k]; i++, r++) {
                    long t = time(times, r);
                    if (t != Long.MAX_VALUE && t <= watermarkMicros) {
                        continue;
                    }
                    if (kept != i) {
                        putKeys.add(rowKey(keyBytes[k], kept));
                        putValues.add(values[r]);
                    }
                    kept++;
                }
                for (int i = kept; i < count[k]; i++) {
                    putKeys.add(rowKey(keyBytes[k], i));
                    putValues.add(null);
                }
                if (kept != count[k]) {
                    putKeys.add(countKeys[k]);
                    putValues.add(kept == 0 ? null : intBytes(kept));
                }
                if (kept == 0) {
                    emptied.add(keys.get(k));
                }
                removed += count[k] - kept;
            }
        }
        bulk.putAll(putKeys.toArray(new byte[0][]), putValues.toArray(new byte[0][]));
        index.evicted(watermarkMicros, emptied);
        return removed;
    }

    /**
     * Removes rows {@code indexes} of {@code key}, compacting the others into 0..k-1; the removed rows go to
     * {@code removed} unless it is null. Returns how many were removed.
     */
    private int removeRows(PartitionedStateStore store, byte[] key, List<Integer> indexes, Rows removed) {
        int count = count(store, key);
        boolean[] gone = new boolean[count];
        indexes.forEach(i -> gone[i] = true);
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (gone[i]) {
                if (removed != null) {
                    valueCodec.decodeInto(store.get(rowKey(key, i)), removed.columns);
                    removed.added(key, i);
                }
            } else {
                if (kept != i) {
                    store.put(rowKey(key, kept), store.get(rowKey(key, i)));
                }
                kept++;
            }
        }
        for (int i = kept; i < count; i++) {
            store.remove(rowKey(key, i));
        }
        if (kept == 0) {
            store.remove(countKey(key));
        } else {
            store.put(countKey(key), intBytes(kept));
        }
        return count - kept;
    }

    private int count(PartitionedStateStore store, byte[] key) {
        byte[] value = store.get(countKey(key));
        return value == null ? 0 : JoinStateLayout.count(value);
    }

    private byte[] countKey(byte[] key) {
        return JoinStateLayout.countKey(countTag, key);
    }

    private byte[] rowKey(byte[] key, int index) {
        return JoinStateLayout.rowKey(rowTag, key, index);
    }

    private static byte[] intBytes(int value) {
        return JoinStateLayout.countValue(value);
    }
}
