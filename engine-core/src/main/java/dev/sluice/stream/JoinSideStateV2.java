package dev.sluice.stream;

import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.types.DataType;
import dev.sluice.state.ByteKey;
import dev.sluice.state.KeyValue;
import dev.sluice.stream.state.JoinBlockLayout;
import dev.sluice.stream.state.JoinBlockLayout.Meta;
import dev.sluice.stream.state.JoinStateLayout;
import dev.sluice.stream.state.PartitionedStateStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The buffered rows of one side of a stream-stream join in layout version 2 ({@link JoinBlockLayout}): a join
 * key's rows live in one head entry holding the key's last block inline, plus the sealed blocks it lists, so a key
 * with up to {@link #APPEND_LIMIT_BYTES} of rows is one entry: a probe reads it with one read, a batch's appends to
 * it read and write that one entry (a full inline block is first sealed into an entry of its own), and eviction
 * drops a key whose time is in the key (a time window) by deleting its entries without reading its sealed blocks,
 * or reads only the blocks whose lowest row time is at or before the watermark. The rows, their order within a key, the matched flags and the rows evicted are
 * those of version 1 ({@link JoinSideState}).
 *
 * <p>Called by the query's execution thread; bulk reads and writes go to the store's partitions in parallel.
 */
final class JoinSideStateV2 extends JoinSideState {
    /** A key's last block takes more rows while it is smaller than this; bigger ones are left as written. */
    static final int APPEND_LIMIT_BYTES = 16 * 1024;

    private final byte metaTag;
    private final byte blockTag;
    private final int appendLimitBytes;

    JoinSideStateV2(boolean left, List<DataType> keyTypes, List<DataType> rowTypes) {
        this(left, keyTypes, rowTypes, APPEND_LIMIT_BYTES);
    }

    /** With another block size limit than {@link #APPEND_LIMIT_BYTES} (tests: many blocks per key). */
    JoinSideStateV2(boolean left, List<DataType> keyTypes, List<DataType> rowTypes, int appendLimitBytes) {
        super(left, keyTypes, rowTypes);
        this.appendLimitBytes = appendLimitBytes;
        this.metaTag = JoinBlockLayout.metaTag(left);
        this.blockTag = JoinBlockLayout.blockTag(left);
    }

    private byte[] metaKey(byte[] key) {
        return JoinStateLayout.countKey(metaTag, key);
    }

    private byte[] blockKey(byte[] key, int id) {
        return JoinBlockLayout.blockKey(blockTag, key, id);
    }

    private Meta[] metas(Bulk store, byte[][] keys) {
        byte[][] metaKeys = new byte[keys.length][];
        for (int k = 0; k < keys.length; k++) {
            metaKeys[k] = metaKey(keys[k]);
        }
        byte[][] values = store.getAll(metaKeys);
        Meta[] out = new Meta[keys.length];
        for (int k = 0; k < keys.length; k++) {
            out[k] = Meta.decode(values[k]);
        }
        return out;
    }

    @Override
    void getAll(Bulk store, List<byte[]> keys, Rows into) {
        byte[][] keyBytes = keys.toArray(new byte[0][]);
        Meta[] metas = metas(store, keyBytes);
        List<byte[]> blockKeys = new ArrayList<>();
        for (int k = 0; k < keyBytes.length; k++) {
            for (int b = 0; b < metas[k].blocks(); b++) {
                if (metas[k].ids()[b] != JoinBlockLayout.TAIL) {
                    blockKeys.add(blockKey(keyBytes[k], metas[k].ids()[b]));
                }
            }
        }
        byte[][] blocks = store.getAll(blockKeys.toArray(new byte[0][]));
        for (int k = 0, at = 0; k < keyBytes.length; k++) {
            Meta meta = metas[k];
            into.metas.put(new ByteKey(keyBytes[k]), meta);
            int index = 0;
            for (int b = 0; b < meta.blocks(); b++) {
                boolean tail = meta.ids()[b] == JoinBlockLayout.TAIL;
                List<byte[]> rows = JoinBlockLayout.decodeBlock(tail ? meta.tail() : blocks[at++]);
                into.blockRows.put(new ByteKey(blockKey(keyBytes[k], meta.ids()[b])), rows);
                for (byte[] row : rows) {
                    valueCodec.decodeInto(row, into.columns);
                    into.added(keyBytes[k], index++);
                }
            }
        }
    }

    @Override
    void appendAll(Bulk store, List<byte[]> keys, ColumnVector[] columns, int[] rows, long[] times, int count) {
        Map<ByteKey, List<Integer>> byKey = new LinkedHashMap<>();
        for (int j = 0; j < count; j++) {
            byKey.computeIfAbsent(new ByteKey(keys.get(j)), k -> new ArrayList<>()).add(j);
        }
        List<ByteKey> distinct = new ArrayList<>(byKey.keySet());
        byte[][] keyBytes = new byte[distinct.size()][];
        for (int d = 0; d < keyBytes.length; d++) {
            keyBytes[d] = distinct.get(d).bytes();
        }
        Meta[] metas = metas(store, keyBytes);
        List<byte[]> putKeys = new ArrayList<>(keyBytes.length);
        List<byte[]> putValues = new ArrayList<>(keyBytes.length);
        for (int d = 0; d < keyBytes.length; d++) {
            Meta meta = metas[d];
            int last = meta.blocks() - 1;
            boolean hasTail = last >= 0 && meta.ids()[last] == JoinBlockLayout.TAIL;
            // the rows go to the inline tail while it is small; a full one is sealed into an entry of its own first
            boolean extend = hasTail && meta.bytes()[last] < appendLimitBytes;
            if (hasTail && !extend) {
                putKeys.add(blockKey(keyBytes[d], meta.nextId()));
                putValues.add(meta.tail());
                int[] ids = meta.ids().clone();
                ids[last] = meta.nextId();
                meta = new Meta(meta.nextId() + 1, ids, meta.rows(), meta.bytes(), meta.minTimes(), null);
            }
            List<byte[]> block = extend ? new ArrayList<>(JoinBlockLayout.decodeBlock(meta.tail())) : new ArrayList<>();
            long min = extend ? meta.minTimes()[last] : Long.MAX_VALUE;
            for (int j : byKey.get(distinct.get(d))) {
                block.add(valueCodec.encode(columns, rows[j]));
                min = Math.min(min, times[j]);
            }
            byte[] tail = JoinBlockLayout.encodeBlock(block);
            Meta next = extend ? replaced(meta, last, block.size(), tail.length, min, tail)
                    : withNewTail(meta, block.size(), tail, min);
            putKeys.add(metaKey(keyBytes[d]));
            putValues.add(next.encode());
        }
        store.putAll(putKeys.toArray(new byte[0][]), putValues.toArray(new byte[0][]));
    }

    private static Meta withNewTail(Meta meta, int rows, byte[] tail, long minTime) {
        int n = meta.blocks();
        int[] ids = Arrays.copyOf(meta.ids(), n + 1);
        int[] rowCounts = Arrays.copyOf(meta.rows(), n + 1);
        int[] sizes = Arrays.copyOf(meta.bytes(), n + 1);
        long[] minTimes = Arrays.copyOf(meta.minTimes(), n + 1);
        ids[n] = JoinBlockLayout.TAIL;
        rowCounts[n] = rows;
        sizes[n] = tail.length;
        minTimes[n] = minTime;
        return new Meta(meta.nextId(), ids, rowCounts, sizes, minTimes, tail);
    }

    /** {@code meta} with block {@code b} rewritten; {@code tail}: the inline block's value afterwards. */
    private static Meta replaced(Meta meta, int b, int rows, int bytes, long minTime, byte[] tail) {
        int[] rowCounts = meta.rows().clone();
        int[] sizes = meta.bytes().clone();
        long[] minTimes = meta.minTimes().clone();
        rowCounts[b] = rows;
        sizes[b] = bytes;
        minTimes[b] = minTime;
        return new Meta(meta.nextId(), meta.ids(), rowCounts, sizes, minTimes, tail);
    }

    @Override
    void updateAll(Bulk store, Rows rows, int[] which, int count) {
        Map<ByteKey, List<byte[]>> dirty = new LinkedHashMap<>();
        Map<ByteKey, List<byte[]>> dirtyTails = new LinkedHashMap<>();
        for (int j = 0; j < count; j++) {
            int row = which[j];
            byte[] key = rows.keys.get(row);
            Meta meta = rows.metas.get(new ByteKey(key));
            int position = rows.indexes[row];
            int b = 0;
            while (position >= meta.rows()[b]) {
                position -= meta.rows()[b++];
            }
            ByteKey block = new ByteKey(blockKey(key, meta.ids()[b]));
            List<byte[]> blockRows = rows.blockRows.get(block);
            blockRows.set(position, valueCodec.encode(rows.columns, row));
            if (meta.ids()[b] == JoinBlockLayout.TAIL) {
                dirtyTails.put(new ByteKey(key), blockRows);
            } else {
                dirty.put(block, blockRows);
            }
        }
        byte[][] keys = new byte[dirty.size() + dirtyTails.size()][];
        byte[][] values = new byte[keys.length][];
        int d = 0;
        for (Map.Entry<ByteKey, List<byte[]>> e : dirty.entrySet()) {
            keys[d] = e.getKey().bytes();
            values[d++] = JoinBlockLayout.encodeBlock(e.getValue());
        }
        for (Map.Entry<ByteKey, List<byte[]>> e : dirtyTails.entrySet()) {
            Meta meta = rows.metas.get(e.getKey());
            int last = meta.blocks() - 1;
            byte[] tail = JoinBlockLayout.encodeBlock(e.getValue());
            keys[d] = metaKey(e.getKey().bytes());
            values[d++] = replaced(meta, last, meta.rows()[last], tail.length, meta.minTimes()[last], tail).encode();
        }
        store.putAll(keys, values);
    }

    @Override
    void rebuildIndex(PartitionedStateStore store, Bulk bulk, List<DataType> keyTypes, TimeField field,
                      JoinEvictionIndex index) {
        index.clear();
        @SuppressWarnings("unchecked")
        List<Object[]>[] found = new List[store.partitions()];
        bulk.parallelFor(found.length, p -> {
            List<Object[]> keys = new ArrayList<>();
            Iterator<KeyValue> it = store.iterator(p);
            while (it.hasNext()) {
                KeyValue kv = it.next();
                if (kv.key()[0] == metaTag) {
                    keys.add(new Object[] {Arrays.copyOfRange(kv.key(), 1, kv.key().length),
                        Meta.decode(kv.value()).minTime()});
                }
            }
            found[p] = keys;
        });
        for (List<Object[]> keys : found) {
            for (Object[] key : keys) {
                index.add((Long) key[1], new ByteKey((byte[]) key[0]));
            }
        }
    }

    @Override
    long removeIndexed(Bulk bulk, List<DataType> keyTypes, TimeField field, JoinEvictionIndex index,
                       long watermarkMicros) {
        if (!index.mayExpire(watermarkMicros)) {
            return 0;
        }
        Set<ByteKey> emptied = new HashSet<>();
        Map<ByteKey, Long> kept = new LinkedHashMap<>();
        long removed = evictKeys(bulk, index.candidates(watermarkMicros), keyTypes, field, watermarkMicros, null,
                emptied, kept);
        index.evicted(watermarkMicros, emptied);
        // a kept key is indexed again under its lowest remaining time: its earlier buckets may just have been dropped
        kept.forEach((key, min) -> index.add(min, key));
        return removed;
    }

    /**
     * Removes this side's rows whose eviction time is at or before {@code watermarkMicros}, scanning the meta entries
     * of every partition (in parallel) for the keys that may hold one; the removed rows go to {@code removed} (an
     * outer side emits its unmatched ones), key by key in the order of the scan, each key's in their order. Returns
     * how many were removed; {@code lowest[0]} becomes the lowest eviction time left ({@link Long#MAX_VALUE}: none).
     */
    long removeExpired(PartitionedStateStore store, Bulk bulk, List<DataType> keyTypes, TimeField field,
                       long watermarkMicros, Rows removed, long[] lowest) {
        @SuppressWarnings("unchecked")
        List<ByteKey>[] found = new List[store.partitions()];
        long[] lowestBy = new long[found.length];
        bulk.parallelFor(found.length, p -> {
            List<ByteKey> candidates = new ArrayList<>();
            long low = Long.MAX_VALUE;
            Iterator<KeyValue> it = store.iterator(p);
            while (it.hasNext()) {
                KeyValue kv = it.next();
                if (kv.key()[0] == metaTag) {
                    long min = Meta.decode(kv.value()).minTime();
                    if (min != Long.MAX_VALUE && min <= watermarkMicros) {
                        candidates.add(new ByteKey(Arrays.copyOfRange(kv.key(), 1, kv.key().length)));
                    } else {
                        low = Math.min(low, min);
                    }
                }
            }
            found[p] = candidates;
            lowestBy[p] = low;
        });
        List<ByteKey> candidates = new ArrayList<>();
        long low = Long.MAX_VALUE;
        for (int p = 0; p < found.length; p++) {
            candidates.addAll(found[p]);
            low = Math.min(low, lowestBy[p]);
        }
        Map<ByteKey, Long> kept = new LinkedHashMap<>();
        long count = evictKeys(bulk, candidates, keyTypes, field, watermarkMicros, removed, new HashSet<>(), kept);
        for (long min : kept.values()) {
            low = Math.min(low, min);
        }
        lowest[0] = low;
        return count;
    }

    /**
     * Removes the rows at or before {@code watermarkMicros} of {@code keys}, in one bulk read of their metas, one of
     * the blocks that may hold such rows, and one bulk write; a key whose time is in the key goes whole, its blocks
     * read only when {@code removed} wants its rows. Keys left without rows go to {@code emptied}, the others to
     * {@code kept} with their lowest remaining time.
     */
    private long evictKeys(Bulk bulk, List<ByteKey> keys, List<DataType> keyTypes, TimeField field,
                           long watermarkMicros, Rows removed, Set<ByteKey> emptied, Map<ByteKey, Long> kept) {
        int n = keys.size();
        byte[][] keyBytes = new byte[n][];
        for (int k = 0; k < n; k++) {
            keyBytes[k] = keys.get(k).bytes();
        }
        Meta[] metas = metas(bulk, keyBytes);
        boolean byKey = field.keyField() >= 0;
        boolean[] wholeKey = new boolean[n];
        if (byKey) {
            ColumnVector keyTimes = ColumnVector.allocate(timeType(field, keyTypes), Math.max(n, 16));
            decodeTimes(field, keyBytes, null, n, keyTimes);
            for (int k = 0; k < n; k++) {
                long t = time(keyTimes, k);
                wholeKey[k] = t != Long.MAX_VALUE && t <= watermarkMicros;
            }
        }
        // the blocks to read: a whole key's only when its rows are emitted, else those holding an expired row
        List<byte[]> readKeys = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            for (int b = 0; b < metas[k].blocks(); b++) {
                if (metas[k].ids()[b] != JoinBlockLayout.TAIL
                        && (byKey ? wholeKey[k] && removed != null : metas[k].minTimes()[b] <= watermarkMicros)) {
                    readKeys.add(blockKey(keyBytes[k], metas[k].ids()[b]));
                }
            }
        }
        byte[][] blocks = bulk.getAll(readKeys.toArray(new byte[0][]));
        List<byte[]> putKeys = new ArrayList<>();
        List<byte[]> putValues = new ArrayList<>();
        ColumnVector times = ColumnVector.allocate(timeType(field, keyTypes), 16);
        long count = 0;
        for (int k = 0, at = 0; k < n; k++) {
            Meta meta = metas[k];
            if (byKey) {
                if (!wholeKey[k]) {
                    if (meta.blocks() == 0) {
                        emptied.add(keys.get(k));
                    } else {
                        kept.put(keys.get(k), meta.minTime());
                    }
                    continue;
                }
                int index = 0;
                for (int b = 0; b < meta.blocks(); b++) {
                    boolean tail = meta.ids()[b] == JoinBlockLayout.TAIL;
                    if (removed != null) {
                        for (byte[] row : JoinBlockLayout.decodeBlock(tail ? meta.tail() : blocks[at++])) {
                            valueCodec.decodeInto(row, removed.columns);
                            removed.added(keyBytes[k], index++);
                        }
                    }
                    if (!tail) {
                        putKeys.add(blockKey(keyBytes[k], meta.ids()[b]));
                        putValues.add(null);
                    }
                }
                putKeys.add(metaKey(keyBytes[k]));
                putValues.add(null);
                count += meta.rowCount();
                emptied.add(keys.get(k));
                continue;
            }
            Meta next = meta;
            int index = 0;
            for (int b = 0, nb = 0; b < meta.blocks(); b++) {
                if (meta.minTimes()[b] > watermarkMicros) {
                    index += meta.rows()[b];
                    nb++;
                    continue;
                }
                boolean tail = meta.ids()[b] == JoinBlockLayout.TAIL;
                List<byte[]> rows = JoinBlockLayout.decodeBlock(tail ? meta.tail() : blocks[at++]);
                List<byte[]> left = new ArrayList<>(rows.size());
                long min = Long.MAX_VALUE;
                for (byte[] row : rows) {
                    valueCodec.decodeFieldInto(row, field.valueField(), times);
                    long t = time(times, times.size() - 1);
                    if (t != Long.MAX_VALUE && t <= watermarkMicros) {
                        if (removed != null) {
                            valueCodec.decodeInto(row, removed.columns);
                            removed.added(keyBytes[k], index);
                        }
                    } else {
                        left.add(row);
                        min = Math.min(min, t);
                    }
                    index++;
                }
                count += rows.size() - left.size();
                byte[] value = left.isEmpty() ? null : JoinBlockLayout.encodeBlock(left);
                if (!tail) {
                    putKeys.add(blockKey(keyBytes[k], meta.ids()[b]));
                    putValues.add(value);
                }
                if (value == null) {
                    next = without(next, nb);
                } else {
                    next = replaced(next, nb, left.size(), value.length, min, tail ? value : next.tail());
                    nb++;
                }
            }
            if (next != meta) {
                putKeys.add(metaKey(keyBytes[k]));
                putValues.add(next.blocks() == 0 ? null : next.encode());
            }
            if (next.blocks() == 0) {
                emptied.add(keys.get(k));
            } else {
                kept.put(keys.get(k), next.minTime());
            }
        }
        bulk.putAll(putKeys.toArray(new byte[0][]), putValues.toArray(new byte[0][]));
        return count;
    }

    private static Meta without(Meta meta, int b) {
        return new Meta(meta.nextId(), remove(meta.ids(), b), remove(meta.rows(), b), remove(meta.bytes(), b),
                removeLong(meta.minTimes(), b), meta.ids()[b] == JoinBlockLayout.TAIL ? null : meta.tail());
    }

    private static int[] remove(int[] values, int at) {
        int[] out = new int[values.length - 1];
        System.arraycopy(values, 0, out, 0, at);
        System.arraycopy(values, at + 1, out, at, out.length - at);
        return out;
    }

    private static long[] removeLong(long[] values, int at) {
        long[] out = new long[values.length - 1];
        System.arraycopy(values, 0, out, 0, at);
        System.arraycopy(values, at + 1, out, at, out.length - at);
        return out;
    }
}
