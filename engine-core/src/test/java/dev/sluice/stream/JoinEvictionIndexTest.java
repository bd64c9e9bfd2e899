package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.state.ByteKey;
import dev.sluice.state.KeyValue;
import dev.sluice.state.StateStoreConf;
import dev.sluice.stream.state.JoinBlockLayout;
import dev.sluice.stream.state.JoinStateLayout;
import dev.sluice.stream.state.KeyGroups;
import dev.sluice.stream.state.PartitionedStateStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: eviction through {@link JoinEvictionIndex} leaves a join side's state exactly as the whole-store scan
 * ({@link JoinSideState#removeWhere}) does, and removes as many rows, over random rows (random keys, times,
 * NULL times), random watermarks (moving forward, standing still, even back) and restarts that rebuild the index
 * from the store; once with the time in the row, once with the time in the join key. The same runs on layout
 * version 2 ({@link JoinSideStateV2}, through its index and by its meta scan, with 16 KB and 100-byte blocks):
 * probes give the same rows in the same order, matched-flag updates land on the same rows, eviction removes the
 * same rows (the emitted ones too) and leaves the lowest remaining time, and the state seen as version 1 (as the
 * {@code statestore} source shows it) equals the version 1 store entry for entry. Subclass in engine-state: the
 * same with RocksDB.
 */
class JoinEvictionIndexTest {
    private static final List<DataType> KEY_TYPES = List.of(DataTypes.IntegerType, DataTypes.TimestampType);
    private static final List<DataType> ROW_TYPES = List.of(DataTypes.IntegerType, DataTypes.StringType,
            DataTypes.TimestampType);
    /** Times spread over 20 s, so that rows of a key fall in several one-second buckets and straddle watermarks. */
    private static final long SPAN_MICROS = 20_000_000L;

    @TempDir
    Path dir;

    String provider() {
        return "hdfs";
    }

    @Test
    void indexedEvictionByRowTimeEqualsTheFullScan() {
        for (long seed = 1; seed <= 6; seed++) {
            check(seed, new JoinSideState.TimeField(-1, 2));
        }
    }

    @Test
    void indexedEvictionByKeyTimeEqualsTheFullScan() {
        for (long seed = 1; seed <= 6; seed++) {
            check(seed, new JoinSideState.TimeField(1, -1));
        }
    }

    @Test
    void evictedBucketsAreDroppedAndTheStraddledOneKeepsItsLiveKeys() {
        JoinEvictionIndex index = new JoinEvictionIndex();
        ByteKey a = new ByteKey(new byte[] {1});
        ByteKey b = new ByteKey(new byte[] {2});
        index.add(500_000, a);          // bucket 0
        index.add(1_200_000, a);        // bucket 1
        index.add(1_900_000, b);        // bucket 1
        index.add(Long.MAX_VALUE, b);   // no time: never indexed
        assertThat(index.entries()).isEqualTo(3);
        assertThat(index.mayExpire(-1)).isFalse();
        assertThat(index.candidates(1_500_000)).containsExactly(a, b);
        index.evicted(1_500_000, java.util.Set.of(a)); // a lost all its rows; b keeps its 1.9 s row
        assertThat(index.candidates(Long.MAX_VALUE - 1)).containsExactly(b);
        index.evicted(1_999_999, java.util.Set.of()); // bucket 1 lies wholly at or before the watermark
        assertThat(index.entries()).isZero();
    }

    private void check(long seed, JoinSideState.TimeField field) {
        Random random = new Random(seed);
        boolean left = random.nextBoolean();
        JoinSideState side = new JoinSideState(left, KEY_TYPES, ROW_TYPES);
        // the other side's rows share the store: a scan must skip them, an index never names them
        JoinSideState other = new JoinSideState(!left, KEY_TYPES, ROW_TYPES);
        String name = "seed" + seed + "-" + field.keyField();
        PartitionedStateStore scanned = store(dir.resolve(name + "-scan"));
        PartitionedStateStore indexed = store(dir.resolve(name + "-index"));
        JoinEvictionIndex index = new JoinEvictionIndex();
        // layout version 2, evicted through its index and by its meta scan: the same state, seen as version 1
        // small blocks on some seeds: a key's rows spread over many blocks, some evicted whole, some in part
        int blockLimit = seed % 2 == 0 ? JoinSideStateV2.APPEND_LIMIT_BYTES : 100;
        JoinSideState side2 = new JoinSideStateV2(left, KEY_TYPES, ROW_TYPES, blockLimit);
        JoinSideState other2 = new JoinSideStateV2(!left, KEY_TYPES, ROW_TYPES, blockLimit);
        PartitionedStateStore scanned2 = store(dir.resolve(name + "-scan2"));
        PartitionedStateStore indexed2 = store(dir.resolve(name + "-index2"));
        JoinEvictionIndex index2 = new JoinEvictionIndex();
        List<PartitionedStateStore> all2 = List.of(scanned2, indexed2);
        long watermark = -SPAN_MICROS / 4;
        try {
            for (int version = 0; version < 25; version++) {
                scanned.begin(version);
                indexed.begin(version);
                for (PartitionedStateStore store : all2) {
                    store.begin(version);
                }
                if (version == 0 || random.nextInt(6) == 0) {
                    // a restart: the index is rebuilt from the store
                    side.rebuildIndex(indexed, bulk(indexed), KEY_TYPES, field, index);
                    side2.rebuildIndex(indexed2, bulk(indexed2), KEY_TYPES, field, index2);
                }
                int rows = random.nextInt(40);
                ColumnVector[] keys = StateRows.allocate(KEY_TYPES, rows);
                ColumnVector[] values = StateRows.allocate(List.of(DataTypes.IntegerType, DataTypes.StringType,
                        DataTypes.TimestampType, DataTypes.BooleanType), rows);
                List<byte[]> encoded = new ArrayList<>();
                int[] all = new int[Math.max(rows, 1)];
                for (int r = 0; r < rows; r++) {
                    int k = random.nextInt(8);
                    long keyTime = (k % 4) * SPAN_MICROS / 4;
                    keys[0].appendInt(k);
                    if (k == 7) {
                        keys[1].appendNull(); // a key without time: never evicted
                    } else {
                        keys[1].appendLong(keyTime);
                    }
                    values[0].appendInt(r);
                    values[1].appendString("row" + version + "-" + r);
                    if (random.nextInt(10) == 0) {
                        values[2].appendNull();
                    } else {
                        values[2].appendLong(random.nextLong(SPAN_MICROS));
                    }
                    values[3].appendBoolean(random.nextBoolean());
                    encoded.add(side.encodeKey(keys, r));
                    all[r] = r;
                }
                long[] times = new long[Math.max(rows, 1)];
                for (int r = 0; r < rows; r++) {
                    ColumnVector v = field.keyField() >= 0 ? keys[1] : values[2];
                    times[r] = v.isNull(r) ? Long.MAX_VALUE : v.getLong(r);
                    index.add(times[r], new ByteKey(encoded.get(r)));
                    index2.add(times[r], new ByteKey(encoded.get(r)));
                }
                for (PartitionedStateStore store : List.of(scanned, indexed)) {
                    side.appendAll(bulk(store), encoded, values, all, times, rows);
                    other.appendAll(bulk(store), encoded, values, all, times, rows);
                }
                for (PartitionedStateStore store : all2) {
                    side2.appendAll(bulk(store), encoded, values, all, times, rows);
                    other2.appendAll(bulk(store), encoded, values, all, times, rows);
                }
                probeAndFlag(random, side, List.of(scanned, indexed), side2, all2, encoded);
                watermark += random.nextInt(5) == 0 ? -SPAN_MICROS / 20 : random.nextLong(SPAN_MICROS / 8);
                long w = watermark;
                JoinSideState.Rows removedByScan = side.newRows();
                long fromScan = side.removeWhere(scanned, bulk(scanned), KEY_TYPES, field.keyField() >= 0,
                        (partition, keyColumns, valueColumns, row) -> {
                            ColumnVector v = field.keyField() >= 0 ? keyColumns[1] : valueColumns[2];
                            return !v.isNull(row) && v.getLong(row) <= w;
                        }, removedByScan);
                long fromIndex = side.removeIndexed(bulk(indexed), KEY_TYPES, field, index, w);
                assertThat(fromIndex).as("seed %d version %d", seed, version).isEqualTo(fromScan);
                assertThat(contents(indexed)).as("seed %d version %d", seed, version).isEqualTo(contents(scanned));
                JoinSideState.Rows removedByMeta = side2.newRows();
                long[] lowest = {Long.MAX_VALUE};
                long fromMeta = ((JoinSideStateV2) side2).removeExpired(scanned2, bulk(scanned2), KEY_TYPES, field, w,
                        removedByMeta, lowest);
                long fromIndex2 = side2.removeIndexed(bulk(indexed2), KEY_TYPES, field, index2, w);
                assertThat(List.of(fromMeta, fromIndex2)).as("seed %d version %d", seed, version)
                        .containsOnly(fromScan);
                assertThat(describe(removedByMeta)).as("seed %d version %d", seed, version)
                        .isEqualTo(describe(removedByScan));
                assertThat(lowest[0]).isEqualTo(lowestTime(scanned, side, left, field));
                for (PartitionedStateStore store : all2) {
                    assertThat(version1View(store)).as("seed %d version %d", seed, version)
                            .isEqualTo(contents(scanned));
                }
                scanned.commit();
                indexed.commit();
                all2.forEach(PartitionedStateStore::commit);
            }
        } finally {
            scanned.close();
            indexed.close();
            all2.forEach(PartitionedStateStore::close);
        }
    }

    /**
     * Probes random keys (some absent) on both layouts: the same rows in the same order; then flags some of them as
     * matched on both (the flag updates a probe makes), so the states stay equal.
     */
    private static void probeAndFlag(Random random, JoinSideState v1, List<PartitionedStateStore> v1Stores,
                                     JoinSideState v2, List<PartitionedStateStore> v2Stores, List<byte[]> keys) {
        List<byte[]> probe = new ArrayList<>();
        java.util.Set<ByteKey> seen = new java.util.HashSet<>();
        for (byte[] key : keys) {
            if (random.nextInt(3) == 0 && seen.add(new ByteKey(key))) {
                probe.add(key);
            }
        }
        List<JoinSideState.Rows> read = new ArrayList<>();
        for (PartitionedStateStore store : v1Stores) {
            JoinSideState.Rows rows = v1.newRows();
            v1.getAll(bulk(store), probe, rows);
            read.add(rows);
        }
        for (PartitionedStateStore store : v2Stores) {
            JoinSideState.Rows rows = v2.newRows();
            v2.getAll(bulk(store), probe, rows);
            read.add(rows);
        }
        for (JoinSideState.Rows rows : read) {
            assertThat(describe(rows, false)).isEqualTo(describe(read.get(0), false));
        }
        int n = read.get(0).size();
        int[] flagged = new int[Math.max(n, 1)];
        int count = 0;
        for (int r = 0; r < n; r++) {
            if (!read.get(0).matched(r) && random.nextInt(4) == 0) {
                flagged[count++] = r;
            }
        }
        for (int i = 0; i < read.size(); i++) {
            JoinSideState.Rows rows = read.get(i);
            boolean[] flags = ((dev.sluice.batch.BooleanVector) rows.columns[rows.columns.length - 1]).values();
            for (int j = 0; j < count; j++) {
                flags[flagged[j]] = true;
            }
            JoinSideState side = i < v1Stores.size() ? v1 : v2;
            PartitionedStateStore store = i < v1Stores.size() ? v1Stores.get(i) : v2Stores.get(i - v1Stores.size());
            side.updateAll(bulk(store), rows, flagged, count);
        }
    }

    /** The rows (key, index, columns and flag), sorted. */
    private static List<String> describe(JoinSideState.Rows rows) {
        return describe(rows, true);
    }

    private static List<String> describe(JoinSideState.Rows rows, boolean sorted) {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder row = new StringBuilder(HexFormat.of().formatHex(rows.keys.get(r)) + "#" + rows.indexes[r]);
            for (ColumnVector c : rows.columns) {
                row.append('|').append(c.isNull(r) ? "null" : String.valueOf(c.getObject(r)));
            }
            out.add(row.toString());
        }
        if (sorted) {
            out.sort(null);
        }
        return out;
    }

    /** The lowest eviction time of {@code side}'s rows in a version 1 store (MAX_VALUE: none). */
    private static long lowestTime(PartitionedStateStore store, JoinSideState side, boolean left,
                                   JoinSideState.TimeField field) {
        long lowest = Long.MAX_VALUE;
        for (int p = 0; p < store.partitions(); p++) {
            Iterator<KeyValue> it = store.iterator(p);
            while (it.hasNext()) {
                KeyValue kv = it.next();
                if (kv.key()[0] != JoinStateLayout.rowTag(left)) {
                    continue;
                }
                byte[] key = java.util.Arrays.copyOfRange(kv.key(), 1, kv.key().length - JoinStateLayout.INDEX_BYTES);
                ColumnVector t = ColumnVector.allocate(DataTypes.TimestampType, 1);
                if (field.keyField() >= 0) {
                    side.keyCodec.decodeFieldInto(key, field.keyField(), t);
                } else {
                    side.valueCodec.decodeFieldInto(kv.value(), field.valueField(), t);
                }
                lowest = Math.min(lowest, t.isNull(0) ? Long.MAX_VALUE : t.getLong(0));
            }
        }
        return lowest;
    }

    /** Every entry of a layout version 2 store as the state data source shows it (version 1 entries). */
    private static Map<String, String> version1View(PartitionedStateStore store) {
        Map<ByteKey, JoinBlockLayout.Meta> metas = new java.util.HashMap<>();
        for (int p = 0; p < store.partitions(); p++) {
            JoinBlockLayout.collectMetas(store.iterator(p), metas);
        }
        Map<String, String> out = new TreeMap<>();
        for (int p = 0; p < store.partitions(); p++) {
            Iterator<KeyValue> it = JoinBlockLayout.asVersion1(store.iterator(p), metas);
            while (it.hasNext()) {
                KeyValue kv = it.next();
                out.put(HexFormat.of().formatHex(kv.key()), HexFormat.of().formatHex(kv.value()));
            }
        }
        return out;
    }

    private PartitionedStateStore store(Path root) {
        StateStoreConf conf = new StateStoreConf(provider(), 10, 100, 8, 16);
        return new PartitionedStateStore(root, 0, new KeyGroups(KeyGroups.DEFAULT, 2), conf, "join");
    }

    /** Every entry of the store, hex key to hex value, in key order. */
    private static Map<String, String> contents(PartitionedStateStore store) {
        Map<String, String> out = new TreeMap<>();
        for (int p = 0; p < store.partitions(); p++) {
            Iterator<KeyValue> it = store.iterator(p);
            while (it.hasNext()) {
                KeyValue kv = it.next();
                out.put(HexFormat.of().formatHex(kv.key()), HexFormat.of().formatHex(kv.value()));
            }
        }
        return out;
    }

    /** The store's bulk operations one at a time (the operator's runs them partitions in parallel). */
    private static JoinSideState.Bulk bulk(PartitionedStateStore store) {
        return new JoinSideState.Bulk() {
            @Override
            public byte[][] getAll(byte[][] keys) {
                byte[][] out = new byte[keys.length][];
                for (int i = 0; i < keys.length; i++) {
                    out[i] = store.get(keys[i]);
                }
                return out;
            }

            @Override
            public void putAll(byte[][] keys, byte[][] values) {
                for (int i = 0; i < keys.length; i++) {
                    if (values[i] == null) {
                        store.remove(keys[i]);
                    } else {
                        store.put(keys[i], values[i]);
                    }
                }
            }

            @Override
            public void parallelFor(int count, IntConsumer body) {
                for (int i = 0; i < count; i++) {
                    body.accept(i);
                }
            }
        };
    }
}
