package dev.sluice.expr.scalar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.StructType;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * {@code from_json}'s vector path ({@link JsonVectorReader}) against the general path ({@link JsonFunctions#parse}):
 * random nested schemas and random, often ill-fitting JSON (wrong kinds, duplicated and case-shifted names, missing
 * and unknown fields, out-of-range and huge numbers, non-numeric strings, cut-off text) read row after row into one
 * vector must give the same values as the general path's boxed results, in PERMISSIVE and FAILFAST mode.
 */
class JsonVectorReaderPropertyTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final String[] NAMES = {"a", "b", "A", "c", "Item", "item"};

    @Property(tries = 400)
    void vectorPathEqualsGeneralPath(@ForAll long seed) {
        Random random = new Random(seed);
        DataType schema = random.nextInt(6) == 0 ? new ArrayType(type(random, 2), true) : struct(random, 3);
        for (boolean failFast : new boolean[] {false, true}) {
            FromJsonOptions options = new FromJsonOptions(failFast, FromJsonOptions.DEFAULTS.maxNestingDepth(),
                    FromJsonOptions.DEFAULTS.maxNumLen(), FromJsonOptions.DEFAULTS.maxStringLen());
            JsonVectorReader reader = new JsonVectorReader(schema, UTC, options);
            ColumnVector fast = ColumnVector.allocate(schema, 2);
            List<Object> expected = new ArrayList<>();
            for (int row = 0; row < 12; row++) {
                String json = json(random, schema, 3);
                Object general;
                try {
                    general = JsonFunctions.parse(json, schema, UTC, options);
                } catch (RuntimeException e) {
                    general = e;
                }
                Object read;
                int before = fast.size();
                try {
                    reader.read(json, fast);
                    read = fast.getObject(fast.size() - 1);
                } catch (RuntimeException e) {
                    read = e;
                    JsonVectorReader.truncate(fast, before);
                }
                if (general instanceof RuntimeException g) {
                    assertThat(read).as(json).isInstanceOf(RuntimeException.class);
                    assertThat(((RuntimeException) read).getMessage()).isEqualTo(g.getMessage());
                    continue;
                }
                assertThat(read).as("%s as %s", json, schema.simpleString()).isEqualTo(general);
                expected.add(general);
            }
            List<Object> all = new ArrayList<>();
            for (int row = 0; row < fast.size(); row++) {
                all.add(fast.getObject(row));
            }
            assertThat(all).as("every row, after the others were appended").isEqualTo(expected);
        }
    }

    private static StructType struct(Random random, int depth) {
        StructType struct = new StructType();
        int fields = 1 + random.nextInt(4);
        List<String> used = new ArrayList<>();
        for (int i = 0; i < fields; i++) {
            String name = NAMES[random.nextInt(NAMES.length)];
            if (used.contains(name)) {
                continue;
            }
            used.add(name);
            struct = struct.add(name, type(random, depth - 1));
        }
        return struct;
    }

    private static DataType type(Random random, int depth) {
        int pick = random.nextInt(depth > 0 ? 13 : 10);
        return switch (pick) {
            case 0 -> DataTypes.StringType;
            case 1 -> DataTypes.IntegerType;
            case 2 -> DataTypes.LongType;
            case 3 -> DataTypes.DoubleType;
            case 4 -> DataTypes.FloatType;
            case 5 -> DataTypes.BooleanType;
            case 6 -> DataTypes.ShortType;
            case 7 -> new DecimalType(5, 2);
            case 8 -> DataTypes.TimestampType;
            case 9 -> DataTypes.DateType;
            case 10 -> new ArrayType(type(random, depth - 1), true);
            case 11 -> new MapType(DataTypes.StringType, type(random, depth - 1), true);
            default -> struct(random, depth);
        };
    }

    /** JSON text for {@code type}, usually fitting it, often not; sometimes cut off (malformed). */
    private static String json(Random random, DataType type, int depth) {
        String text = value(random, type, depth);
        if (random.nextInt(15) == 0) {
            return text.substring(0, random.nextInt(text.length() + 1));
        }
        return random.nextInt(25) == 0 ? "null" : text;
    }

    private static String value(Random random, DataType type, int depth) {
        if (random.nextInt(12) == 0) {
            return "null";
        }
        if (random.nextInt(10) == 0 || depth < 0) {
            return anyScalar(random);
        }
        if (type instanceof StructType struct) {
            StringBuilder sb = new StringBuilder("{");
            int n = struct.length() + random.nextInt(3) - 1;
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                boolean known = random.nextInt(5) != 0 && struct.length() > 0;
                int field = random.nextInt(Math.max(1, struct.length()));
                String name = known ? struct.apply(field).name() : NAMES[random.nextInt(NAMES.length)];
                DataType fieldType = known ? struct.apply(field).dataType() : DataTypes.StringType;
                sb.append('"').append(name).append("\":").append(value(random, fieldType, depth - 1));
            }
            return sb.append('}').toString();
        }
        if (type instanceof ArrayType array) {
            StringBuilder sb = new StringBuilder("[");
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                sb.append(i > 0 ? "," : "").append(value(random, array.elementType(), depth - 1));
            }
            return sb.append(']').toString();
        }
        if (type instanceof MapType map) {
            StringBuilder sb = new StringBuilder("{");
            int n = random.nextInt(3);
            for (int i = 0; i < n; i++) {
                sb.append(i > 0 ? "," : "").append("\"k").append(random.nextInt(2)).append("\":")
                        .append(value(random, map.valueType(), depth - 1));
            }
            return sb.append('}').toString();
        }
        if (type == DataTypes.StringType) {
            return random.nextInt(6) == 0 ? "{\"x\":[1,\"y\"]}" : "\"s\\u00e9" + random.nextInt(100) + "\"";
        }
        if (type == DataTypes.BooleanType) {
            return random.nextBoolean() ? "true" : "false";
        }
        if (type == DataTypes.TimestampType) {
            return random.nextBoolean() ? "\"2026-12-08T01:30:00Z\"" : String.valueOf(random.nextInt(2_000_000_000));
        }
        if (type == DataTypes.DateType) {
            return random.nextBoolean() ? "\"2026-12-08\"" : "\"not a date\"";
        }
        return number(random);
    }

    private static String anyScalar(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> "\"text\"";
            case 1 -> "true";
            case 2 -> "[1,2]";
            case 3 -> "{\"a\":1}";
            case 4 -> "\"NaN\"";
            case 5 -> "\"-Infinity\"";
            default -> number(random);
        };
    }

    private static String number(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> String.valueOf(random.nextInt(200) - 100);
            case 1 -> String.valueOf(random.nextLong());
            case 2 -> "123456789012345678901234567890";
            case 3 -> String.valueOf(random.nextDouble() * 1000);
            case 4 -> "1.5e3";
            case 5 -> "40000";
            case 6 -> "3000000000";
            default -> "-0.0";
        };
    }
}
