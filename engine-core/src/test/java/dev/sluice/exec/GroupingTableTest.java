package dev.sluice.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.DoubleVector;
import dev.sluice.batch.LongVector;
import dev.sluice.batch.StringVector;
import dev.sluice.batch.StructVector;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Group ids of {@link GroupingTable} over both of its layouts: fixed-width keys packed into words (with a null
 * mask and struct keys flattened into their fields) and keys compared through their vectors (any string key).
 * The values under a null slot are deliberately not zero: only the null-ness may decide.
 */
class GroupingTableTest {
    private static final StructType PAIR = new StructType().add("a", DataTypes.LongType).add("b", DataTypes.LongType);

    private static int[] groupIds(GroupingTable table, ColumnVector... keys) {
        int rows = keys[0].size();
        int[] ids = new int[rows];
        table.groupIds(keys, rows, ids);
        return ids;
    }

    private static LongVector longs(long[] values, boolean[] nulls) {
        return LongVector.wrap(DataTypes.LongType, values, values.length, nulls);
    }

    @Test
    void nullLongKeysAreOneGroupWhateverTheirSlotHolds() {
        GroupingTable table = new GroupingTable(List.of(DataTypes.LongType, DataTypes.LongType));
        LongVector a = longs(new long[] {1, 7, 9, 1, 5}, new boolean[] {false, true, true, false, true});
        LongVector b = longs(new long[] {2, 3, 3, 4, 3}, null);
        // rows: (1,2) (null,3) (null,3) (1,4) (null,3)
        assertThat(groupIds(table, a, b)).containsExactly(0, 1, 1, 2, 1);
        ColumnVector[] keys = table.keys();
        assertThat(keys[0].getObject(1)).isNull();
        assertThat(keys[1].getObject(1)).isEqualTo(3L);
        assertThat(table.groupCount()).isEqualTo(3);
    }

    @Test
    void aNullStructIsNotAStructOfNullsAndItsChildrenDoNotMatter() {
        GroupingTable table = new GroupingTable(List.of(PAIR));
        // Rows 0 and 2 are null structs over different child values; row 1 is a struct whose fields are null;
        // rows 3 and 4 are the struct (1, 2).
        LongVector a = longs(new long[] {11, 0, 12, 1, 1}, new boolean[] {false, true, false, false, false});
        LongVector b = longs(new long[] {13, 0, 14, 2, 2}, new boolean[] {false, true, false, false, false});
        StructVector pairs = StructVector.of(PAIR, new ColumnVector[] {a, b}, 5,
                new boolean[] {true, false, true, false, false});
        assertThat(groupIds(table, pairs)).containsExactly(0, 1, 0, 2, 2);

        StructVector keys = (StructVector) table.keys()[0];
        assertThat(keys.size()).isEqualTo(3);
        assertThat(keys.getObject(0)).isNull();
        assertThat(keys.getObject(1)).isEqualTo(Arrays.asList(null, null));
        assertThat(keys.getObject(2)).isEqualTo(List.of(1L, 2L));
    }

    @Test
    void aStructWithAStringFieldGroupsThroughItsVectors() {
        StructType wordAt = new StructType().add("w", DataTypes.StringType).add("t", DataTypes.LongType);
        GroupingTable table = new GroupingTable(List.of(wordAt));
        StringVector words = new StringVector(4);
        for (String w : new String[] {"x", "y", "x", "x"}) {
            words.appendString(w);
        }
        LongVector times = longs(new long[] {1, 1, 1, 2}, null);
        StructVector keys = StructVector.of(wordAt, new ColumnVector[] {words, times}, 4, null);
        assertThat(groupIds(table, keys)).containsExactly(0, 1, 0, 2);
        assertThat(table.keys()[0].getObject(2)).isEqualTo(List.of("x", 2L));
    }

    @Test
    void lookupFindsOnlyExistingKeysInEitherLayout() {
        for (List<DataType> types : List.of(List.<DataType>of(DataTypes.LongType),
                List.<DataType>of(DataTypes.StringType))) {
            GroupingTable table = new GroupingTable(types);
            ColumnVector built = ColumnVector.allocate(types.get(0), 2);
            ColumnVector probe = ColumnVector.allocate(types.get(0), 3);
            built.appendObject(types.get(0) == DataTypes.LongType ? (Object) 5L : "5");
            built.appendNull();
            probe.appendObject(types.get(0) == DataTypes.LongType ? (Object) 6L : "6");
            probe.appendNull();
            probe.appendObject(types.get(0) == DataTypes.LongType ? (Object) 5L : "5");
            groupIds(table, built);
            int[] found = new int[3];
            table.lookup(new ColumnVector[] {probe}, 3, found);
            assertThat(found).as("%s", types).containsExactly(-1, 1, 0);
        }
    }

    @Test
    void floatingPointKeysAreNormalizedAsSparkGroupsThem() {
        double otherNaN = Double.longBitsToDouble(0x7ff8000000000123L);
        DoubleVector d = DoubleVector.wrap(new double[] {-0.0, 0.0, Double.NaN, otherNaN, 1.5}, 5, null);
        for (List<DataType> types : List.of(List.<DataType>of(DataTypes.DoubleType),
                List.<DataType>of(DataTypes.DoubleType, DataTypes.StringType))) {
            GroupingTable table = new GroupingTable(types);
            ColumnVector[] keys = {d};
            if (types.size() == 2) {
                StringVector s = new StringVector(5);
                for (int i = 0; i < 5; i++) {
                    s.appendString("k");
                }
                keys = new ColumnVector[] {d, s};
            }
            assertThat(groupIds(table, keys)).as("%s", types).containsExactly(0, 0, 1, 1, 2);
            // The group's key is 0.0, not the -0.0 seen first: Spark normalizes the key itself.
            assertThat(Double.doubleToRawLongBits(table.keys()[0].getDouble(0))).isEqualTo(0L);
        }
    }

    /**
     * The packed layout (every fixed-width key, a struct's null flag and boolean keys as bits of the mask word)
     * against a plain map of the keys' values over random chunks with nulls, -0.0 and NaN: same group ids, same
     * keys back from {@link GroupingTable#keys()}, and {@link GroupingTable#mergeGroupIds} of a second table
     * gives the ids grouping that table's keys again would.
     */
    @Test
    void packedKeysGroupAsAMapOfTheirValuesOverRandomChunks() {
        java.util.Random random = new java.util.Random(42);
        StructType window = new StructType().add("start", DataTypes.TimestampType).add("end", DataTypes.TimestampType);
        List<List<DataType>> layouts = List.of(
                List.of(window, DataTypes.LongType),
                List.of(DataTypes.BooleanType, DataTypes.IntegerType, DataTypes.BooleanType),
                List.of(DataTypes.DoubleType, new StructType().add("b", DataTypes.BooleanType)
                        .add("f", DataTypes.FloatType)),
                List.of(DataTypes.BooleanType));
        for (List<DataType> types : layouts) {
            GroupingTable table = new GroupingTable(types);
            GroupingTable other = new GroupingTable(types);
            java.util.Map<List<Object>, Integer> expected = new java.util.LinkedHashMap<>();
            for (int chunk = 0; chunk < 6; chunk++) {
                int rows = 1 + random.nextInt(300);
                ColumnVector[] keys = new ColumnVector[types.size()];
                for (int k = 0; k < keys.length; k++) {
                    keys[k] = randomColumn(random, types.get(k), rows);
                }
                int[] ids = new int[rows];
                (chunk % 2 == 0 ? table : other).groupIds(keys, rows, ids);
                if (chunk % 2 == 0) {
                    for (int i = 0; i < rows; i++) {
                        List<Object> key = rowKey(keys, i);
                        Integer id = expected.computeIfAbsent(key, x -> expected.size());
                        assertThat(ids[i]).as("%s row %d", types, i).isEqualTo(id);
                    }
                }
            }
            assertThat(keyRows(table.keys(), table.groupCount())).as("%s", types)
                    .containsExactlyElementsOf(expected.keySet());
            // merging: other's groups found or appended in other's order, exactly as re-grouping its keys
            GroupingTable copy = new GroupingTable(types);
            int[] firstIds = new int[table.groupCount()];
            copy.groupIds(table.keys(), table.groupCount(), firstIds);
            int[] merged = new int[other.groupCount()];
            table.mergeGroupIds(other, merged);
            int[] regrouped = new int[other.groupCount()];
            copy.groupIds(other.keys(), other.groupCount(), regrouped);
            assertThat(merged).as("%s", types).containsExactly(regrouped);
            assertThat(keyRows(table.keys(), table.groupCount()))
                    .containsExactlyElementsOf(keyRows(copy.keys(), copy.groupCount()));
        }
    }

    private static List<List<Object>> keyRows(ColumnVector[] keys, int rows) {
        List<List<Object>> out = new java.util.ArrayList<>();
        for (int i = 0; i < rows; i++) {
            out.add(rowKey(keys, i));
        }
        return out;
    }

    /** A row's key values, -0.0 as 0.0 (Double.equals already makes every NaN equal). */
    private static List<Object> rowKey(ColumnVector[] keys, int row) {
        List<Object> out = new java.util.ArrayList<>();
        for (ColumnVector k : keys) {
            out.add(normalize(k.getObject(row)));
        }
        return out;
    }

    private static Object normalize(Object v) {
        if (v instanceof Double d && d == 0) {
            return 0.0;
        }
        if (v instanceof Float f) {
            return f == 0 ? 0.0f : Float.isNaN(f) ? Float.NaN : f;
        }
        if (v instanceof Double d && Double.isNaN(d)) {
            return Double.NaN;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new java.util.ArrayList<>();
            list.forEach(e -> out.add(normalize(e)));
            return out;
        }
        return v;
    }

    /** Few distinct values so groups repeat; nulls in about one row of five, non-zero garbage under them. */
    private static ColumnVector randomColumn(java.util.Random random, DataType type, int rows) {
        boolean[] nulls = random.nextBoolean() ? null : new boolean[rows];
        if (nulls != null) {
            for (int i = 0; i < rows; i++) {
                nulls[i] = random.nextInt(5) == 0;
            }
        }
        if (type instanceof StructType struct) {
            ColumnVector[] fields = new ColumnVector[struct.length()];
            for (int f = 0; f < fields.length; f++) {
                fields[f] = randomColumn(random, struct.apply(f).dataType(), rows);
            }
            return StructVector.of(struct, fields, rows, nulls);
        }
        if (type == DataTypes.BooleanType) {
            boolean[] values = new boolean[rows];
            for (int i = 0; i < rows; i++) {
                values[i] = random.nextBoolean();
            }
            return dev.sluice.batch.BooleanVector.wrap(values, rows, nulls);
        }
        if (type == DataTypes.IntegerType) {
            int[] values = new int[rows];
            for (int i = 0; i < rows; i++) {
                values[i] = random.nextInt(4) - 1;
            }
            return dev.sluice.batch.IntVector.wrap(type, values, rows, nulls);
        }
        if (type == DataTypes.DoubleType) {
            double[] values = new double[rows];
            double[] pool = {-0.0, 0.0, Double.NaN, Double.longBitsToDouble(0x7ff8000000000123L), 2.5};
            for (int i = 0; i < rows; i++) {
                values[i] = pool[random.nextInt(pool.length)];
            }
            return DoubleVector.wrap(values, rows, nulls);
        }
        if (type == DataTypes.FloatType) {
            float[] values = new float[rows];
            float[] pool = {-0.0f, 0.0f, Float.NaN, 1.5f};
            for (int i = 0; i < rows; i++) {
                values[i] = pool[random.nextInt(pool.length)];
            }
            return dev.sluice.batch.FloatVector.wrap(values, rows, nulls);
        }
        long[] values = new long[rows];
        for (int i = 0; i < rows; i++) {
            values[i] = random.nextInt(5) * 60_000_000L + (random.nextBoolean() ? 0 : 1L << 40);
        }
        return LongVector.wrap(type, values, rows, nulls);
    }
}
