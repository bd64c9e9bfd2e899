package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.state.ByteKey;
import dev.sluice.state.KeyValue;
import dev.sluice.state.StateStoreConf;
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
 * from the store; once with the time in the row, once with the time in the join key. Subclass in engine-state:
 * the same with RocksDB.
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
        long watermark = -SPAN_MICROS / 4;
        try {
            for (int version = 0; version < 25; version++) {
                scanned.begin(version);
                indexed.begin(version);
                if (version == 0 || random.nextInt(6) == 0) {
                    // a restart: the index is rebuilt from the store
                    side.rebuildIndex(indexed, bulk(indexed), KEY_TYPES, field, index);
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
                for (PartitionedStateStore store : List.of(scanned, indexed)) {
                    side.appendAll(bulk(store), encoded, values, all, rows);
                    other.appendAll(bulk(store), encoded, values, all, rows);
                }
                for (int r = 0; r < rows; r++) {
                    ColumnVector times = field.keyField() >= 0 ? keys[1] : values[2];
                    index.add(times.isNull(r) ? Long.MAX_VALUE : times.getLong(r), new ByteKey(encoded.get(r)));
                }
                watermark += random.nextInt(5) == 0 ? -SPAN_MICROS / 20 : random.nextLong(SPAN_MICROS / 8);
                long w = watermark;
                long fromScan = side.removeWhere(scanned, bulk(scanned), KEY_TYPES, field.keyField() >= 0,
                        (partition, keyColumns, valueColumns, row) -> {
                            ColumnVector v = field.keyField() >= 0 ? keyColumns[1] : valueColumns[2];
                            return !v.isNull(row) && v.getLong(row) <= w;
                        }, null);
                long fromIndex = side.removeIndexed(bulk(indexed), KEY_TYPES, field, index, w);
                assertThat(fromIndex).as("seed %d version %d", seed, version).isEqualTo(fromScan);
                assertThat(contents(indexed)).as("seed %d version %d", seed, version).isEqualTo(contents(scanned));
                scanned.commit();
                indexed.commit();
            }
        } finally {
            scanned.close();
            indexed.close();
        }
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
