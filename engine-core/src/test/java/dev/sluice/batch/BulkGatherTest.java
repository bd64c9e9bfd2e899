package dev.sluice.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.StructType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The bulk {@link ColumnVector#take} and {@link ColumnVector#copyRange} of every vector kind give exactly what the
 * per-row path gives ({@code allocate} then {@link ColumnVector#appendFrom} row by row, which is what they replace):
 * same size, same null rows, same values, same "may have nulls" answer, over random vectors with nulls, nested
 * structs, arrays and maps included, and random row lists with repeats.
 */
class BulkGatherTest {
    private static final int VECTORS = 600;

    @Test
    void takeMatchesThePerRowGatherOverRandomVectors() {
        Random random = new Random(20261208L);
        for (int v = 0; v < VECTORS; v++) {
            DataType type = randomType(random, 0);
            ColumnVector source = randomVector(random, type, random.nextInt(60));
            int count = random.nextInt(80);
            int[] rows = new int[count + random.nextInt(3)]; // longer than count: the tail must be ignored
            for (int i = 0; i < rows.length; i++) {
                rows[i] = source.size() == 0 ? 0 : random.nextInt(source.size());
            }
            if (source.size() == 0) {
                count = 0;
            }
            ColumnVector expected = ColumnVector.allocate(type, count);
            for (int i = 0; i < count; i++) {
                expected.appendFrom(source, rows[i]);
            }
            assertSame(type, source.take(rows, count), expected);
        }
    }

    @Test
    void copyRangeMatchesThePerRowCopyOverRandomVectors() {
        Random random = new Random(8122026L);
        for (int v = 0; v < VECTORS; v++) {
            DataType type = randomType(random, 0);
            ColumnVector source = randomVector(random, type, random.nextInt(60));
            int from = random.nextInt(source.size() + 1);
            int to = from + random.nextInt(source.size() - from + 1);
            ColumnVector expected = ColumnVector.allocate(type, to - from);
            for (int i = from; i < to; i++) {
                expected.appendFrom(source, i);
            }
            assertSame(type, source.copyRange(from, to), expected);
        }
    }

    @Test
    void aGatheredObjectVectorHoldsNullInItsNullSlots() {
        ColumnVector strings = ColumnVector.allocate(DataTypes.StringType, 3);
        strings.appendString("a");
        strings.appendNull();
        ((ObjectVector) strings).values[1] = "stale"; // storage under a null slot is not a value
        strings.appendString("c");
        ColumnVector taken = strings.take(new int[] {1, 2, 1}, 3);
        assertThat(taken.getString(0)).isNull();
        assertThat(taken.getString(1)).isEqualTo("c");
        assertThat(strings.copyRange(1, 2).getString(0)).isNull();
        assertThat(strings.take(new int[] {0, 2}, 2).mayHaveNulls()).isFalse();
    }

    private static void assertSame(DataType type, ColumnVector actual, ColumnVector expected) {
        String what = type.simpleString();
        assertThat(actual.getClass()).as(what).isEqualTo(expected.getClass());
        assertThat(actual.type()).as(what).isEqualTo(expected.type());
        assertThat(actual.size()).as(what).isEqualTo(expected.size());
        assertThat(actual.mayHaveNulls()).as(what).isEqualTo(expected.mayHaveNulls());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.isNull(i)).as(what + " row " + i).isEqualTo(expected.isNull(i));
            assertThat(comparable(actual.getObject(i))).as(what + " row " + i)
                    .isEqualTo(comparable(expected.getObject(i)));
            if (expected instanceof ObjectVector) {
                assertThat(comparable(((ObjectVector) actual).values[i])).as(what + " raw slot " + i)
                        .isEqualTo(comparable(((ObjectVector) expected).values[i]));
            }
        }
    }

    /** Binary values compare by content (a {@code byte[]} inside a list would compare by identity). */
    private static Object comparable(Object value) {
        if (value instanceof byte[] bytes) {
            return "bytes" + Arrays.toString(bytes);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(e -> out.add(comparable(e)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            List<Object> out = new ArrayList<>();
            map.forEach((k, v) -> out.add(List.of(String.valueOf(comparable(k)), String.valueOf(comparable(v)))));
            return out;
        }
        return value;
    }

    private static DataType randomType(Random random, int depth) {
        int kinds = depth >= 2 ? 10 : 13;
        switch (random.nextInt(kinds)) {
            case 0: return DataTypes.LongType;
            case 1: return DataTypes.TimestampType;
            case 2: return DataTypes.IntegerType;
            case 3: return DataTypes.DoubleType;
            case 4: return DataTypes.FloatType;
            case 5: return DataTypes.BooleanType;
            case 6: return DataTypes.StringType;
            case 7: return new DecimalType(12, 3);
            case 8: return DataTypes.BinaryType;
            case 9: return DataTypes.DateType;
            case 10: {
                StructType struct = new StructType();
                int fields = 1 + random.nextInt(3);
                for (int f = 0; f < fields; f++) {
                    struct = struct.add("f" + f, randomType(random, depth + 1), true);
                }
                return struct;
            }
            case 11: return new ArrayType(randomType(random, depth + 1), true);
            default: return new MapType(random.nextBoolean() ? DataTypes.StringType : DataTypes.IntegerType,
                    randomType(random, depth + 1), true);
        }
    }

    private static ColumnVector randomVector(Random random, DataType type, int size) {
        ColumnVector out = ColumnVector.allocate(type, 1 + random.nextInt(4)); // small: appends grow it
        double nullRate = random.nextInt(3) == 0 ? 0 : 0.25;
        for (int i = 0; i < size; i++) {
            out.appendObject(random.nextDouble() < nullRate ? null : randomValue(random, type));
        }
        return out;
    }

    private static Object randomValue(Random random, DataType type) {
        if (type == DataTypes.LongType || type == DataTypes.TimestampType) {
            return random.nextLong();
        }
        if (type == DataTypes.IntegerType || type == DataTypes.DateType) {
            return random.nextInt(1000);
        }
        if (type == DataTypes.DoubleType) {
            return random.nextInt(5) == 0 ? Double.NaN : random.nextDouble();
        }
        if (type == DataTypes.FloatType) {
            return random.nextFloat();
        }
        if (type == DataTypes.BooleanType) {
            return random.nextBoolean();
        }
        if (type == DataTypes.StringType) {
            return "s" + random.nextInt(50);
        }
        if (type instanceof DecimalType d) {
            return BigDecimal.valueOf(random.nextInt(1_000_000), d.scale());
        }
        if (type == DataTypes.BinaryType) {
            byte[] bytes = new byte[random.nextInt(4)];
            random.nextBytes(bytes);
            return bytes;
        }
        if (type instanceof StructType s) {
            List<Object> fields = new ArrayList<>();
            for (int f = 0; f < s.length(); f++) {
                fields.add(random.nextInt(4) == 0 ? null : randomValue(random, s.apply(f).dataType()));
            }
            return fields;
        }
        if (type instanceof ArrayType a) {
            List<Object> elements = new ArrayList<>();
            int n = random.nextInt(4);
            for (int e = 0; e < n; e++) {
                elements.add(random.nextInt(4) == 0 ? null : randomValue(random, a.elementType()));
            }
            return elements;
        }
        MapType m = (MapType) type;
        Map<Object, Object> map = new LinkedHashMap<>();
        int n = random.nextInt(4);
        for (int e = 0; e < n; e++) {
            map.put(randomValue(random, m.keyType()), random.nextInt(4) == 0 ? null : randomValue(random, m.valueType()));
        }
        return map;
    }
}
