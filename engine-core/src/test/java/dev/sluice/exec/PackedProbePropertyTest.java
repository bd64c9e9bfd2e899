package dev.sluice.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.batch.BooleanVector;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.DoubleVector;
import dev.sluice.batch.FloatVector;
import dev.sluice.batch.IntVector;
import dev.sluice.batch.LongVector;
import dev.sluice.batch.StructVector;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The packed probes of {@link GroupingTable} (keys of 1-4 words hashed and compared unrolled, wider keys by the loop,
 * lookups cut short by the first word's range) against the general path, the same table comparing its keys through
 * their vectors ({@link GroupingTable#unpacked}): for random key layouts of 1 to 6 columns and random chunks, the
 * group ids, the decoded keys, lookups, merges and the read-only lookups of the parallel merge must be identical.
 * Values come from small pools so groups repeat, with nulls (garbage under them), -0.0 and NaNs of several payloads,
 * {@code Long.MIN_VALUE}/{@code MAX_VALUE}, and longs whose {@code Long.hashCode} collide.
 */
class PackedProbePropertyTest {
    private static final StructType WINDOW =
            new StructType().add("start", DataTypes.TimestampType).add("end", DataTypes.TimestampType);
    private static final List<DataType> COLUMN_TYPES = List.of(DataTypes.LongType, DataTypes.TimestampType,
            DataTypes.IntegerType, DataTypes.DoubleType, DataTypes.FloatType, DataTypes.BooleanType, WINDOW);
    /** Pairs {@code v, v ^ (1 << 32 | 1)} share {@code Long.hashCode}; the extremes share theirs with 0 and -1. */
    private static final long[] LONGS = {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, 5, 5 ^ 0x1_0000_0001L,
        1_700_000_000_000_000L, 1_700_000_000_000_000L ^ 0x1_0000_0001L, 1_700_000_060_000_000L, -60_000_000L};
    private static final double[] DOUBLES = {-0.0, 0.0, Double.NaN, Double.longBitsToDouble(0x7ff8000000000123L),
        Double.longBitsToDouble(0xfff0000000000001L), 2.5, -2.5, Double.MAX_VALUE, Double.NEGATIVE_INFINITY};
    private static final float[] FLOATS = {-0.0f, 0.0f, Float.NaN, Float.intBitsToFloat(0x7fc00123), 1.5f};

    @Property(tries = 300)
    void packedProbesGroupExactlyAsTheVectorPath(@ForAll long seed) {
        Random random = new Random(seed);
        List<DataType> types = new ArrayList<>();
        for (int c = 1 + random.nextInt(random.nextInt(4) == 0 ? 6 : 3); c > 0; c--) {
            types.add(COLUMN_TYPES.get(random.nextInt(COLUMN_TYPES.size())));
        }
        GroupingTable packed = new GroupingTable(types);
        GroupingTable general = GroupingTable.unpacked(types);
        GroupingTable packedOther = new GroupingTable(types);
        GroupingTable generalOther = GroupingTable.unpacked(types);
        assertThat(packed.packed()).isTrue();
        assertThat(general.packed()).isFalse();
        int pool = 1 + random.nextInt(LONGS.length); // fewer distinct values: more repeats and collisions
        for (int chunk = 0, chunks = 1 + random.nextInt(5); chunk < chunks; chunk++) {
            int rows = random.nextInt(random.nextBoolean() ? 40 : 3000);
            ColumnVector[] keys = new ColumnVector[types.size()];
            for (int k = 0; k < keys.length; k++) {
                keys[k] = column(random, types.get(k), rows, pool);
            }
            boolean toOther = random.nextInt(3) == 0;
            int[] fast = new int[rows];
            int[] slow = new int[rows];
            (toOther ? packedOther : packed).groupIds(keys, rows, fast);
            (toOther ? generalOther : general).groupIds(keys, rows, slow);
            assertThat(fast).as("%s, chunk %d", types, chunk).containsExactly(slow);
            (toOther ? packedOther : packed).lookup(keys, rows, fast);
            (toOther ? generalOther : general).lookup(keys, rows, slow);
            assertThat(fast).as("lookup %s", types).containsExactly(slow);
        }
        assertThat(rows(packed.keys(), packed.groupCount())).as("%s", types)
                .containsExactlyElementsOf(rows(general.keys(), general.groupCount()));
        // the parallel merge's read-only lookups: other's groups found in this table (or -1), as a lookup of its keys
        int[] found = new int[packedOther.groupCount()];
        packed.findGroupsOf(packedOther, 0, found.length, found);
        int[] looked = new int[generalOther.groupCount()];
        general.lookup(generalOther.keys(), looked.length, looked);
        assertThat(found).as("findGroupsOf %s", types).containsExactly(looked);
        int[] merged = new int[packedOther.groupCount()];
        packed.mergeGroupIds(packedOther, merged);
        int[] mergedGeneral = new int[generalOther.groupCount()];
        general.mergeGroupIds(generalOther, mergedGeneral);
        assertThat(merged).as("merge %s", types).containsExactly(mergedGeneral);
        assertThat(rows(packed.keys(), packed.groupCount()))
                .containsExactlyElementsOf(rows(general.keys(), general.groupCount()));
    }

    /**
     * Each row's values as {@code getObject} shows them, doubles and floats by their bits (so 0.0 and -0.0 differ;
     * every NaN reads as the canonical one: both layouts show a NaN key as NaN).
     */
    private static List<List<Object>> rows(ColumnVector[] keys, int count) {
        List<List<Object>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Object> row = new ArrayList<>();
            for (ColumnVector k : keys) {
                Object v = k.isNull(i) ? null : k.getObject(i);
                row.add(v instanceof Double d ? "d" + Double.doubleToLongBits(d)
                        : v instanceof Float f ? "f" + Float.floatToIntBits(f) : v);
            }
            out.add(row);
        }
        return out;
    }

    private static ColumnVector column(Random random, DataType type, int rows, int pool) {
        boolean[] nulls = random.nextBoolean() ? null : new boolean[Math.max(rows, 1)];
        for (int i = 0; nulls != null && i < rows; i++) {
            nulls[i] = random.nextInt(4) == 0;
        }
        int n = Math.max(rows, 1);
        if (type instanceof StructType struct) {
            ColumnVector[] fields = new ColumnVector[struct.length()];
            for (int f = 0; f < fields.length; f++) {
                fields[f] = column(random, struct.apply(f).dataType(), rows, pool);
            }
            return StructVector.of(struct, fields, rows, nulls);
        }
        if (type == DataTypes.BooleanType) {
            boolean[] values = new boolean[n];
            for (int i = 0; i < rows; i++) {
                values[i] = random.nextBoolean();
            }
            return BooleanVector.wrap(values, rows, nulls);
        }
        if (type == DataTypes.IntegerType) {
            int[] values = new int[n];
            for (int i = 0; i < rows; i++) {
                values[i] = (int) LONGS[random.nextInt(pool)];
            }
            return IntVector.wrap(type, values, rows, nulls);
        }
        if (type == DataTypes.DoubleType) {
            double[] values = new double[n];
            for (int i = 0; i < rows; i++) {
                values[i] = DOUBLES[random.nextInt(Math.min(pool, DOUBLES.length))];
            }
            return DoubleVector.wrap(values, rows, nulls);
        }
        if (type == DataTypes.FloatType) {
            float[] values = new float[n];
            for (int i = 0; i < rows; i++) {
                values[i] = FLOATS[random.nextInt(Math.min(pool, FLOATS.length))];
            }
            return FloatVector.wrap(values, rows, nulls);
        }
        long[] values = new long[n];
        for (int i = 0; i < rows; i++) {
            values[i] = LONGS[random.nextInt(pool)];
        }
        return LongVector.wrap(type, values, rows, nulls);
    }
}
