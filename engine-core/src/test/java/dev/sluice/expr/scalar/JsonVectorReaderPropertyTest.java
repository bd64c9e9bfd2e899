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

    /** The default options, in {@code FAILFAST} mode or not. */
    private static FromJsonOptions options(boolean failFast) {
        return new FromJsonOptions(failFast, FromJsonOptions.DEFAULTS.maxNestingDepth(),
                FromJsonOptions.DEFAULTS.maxNumLen(), FromJsonOptions.DEFAULTS.maxStringLen());
    }

    @Property(tries = 400)
    void vectorPathEqualsGeneralPath(@ForAll long seed) {
        Random random = new Random(seed);
        DataType schema = random.nextInt(6) == 0 ? new ArrayType(type(random, 2), true) : struct(random, 3);
        for (boolean failFast : new boolean[] {false, true}) {
            FromJsonOptions options = options(failFast);
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

    /**
     * The bytes path ({@link JsonVectorReader#readUtf8}, {@code from_json(CAST(value AS STRING))} over a binary value)
     * against the string path over the cast's String ({@code new String(bytes, UTF_8)}, which replaces malformed
     * sequences): random JSON with raw non-ASCII text (2-, 3- and 4-byte sequences), often damaged (invalid, overlong,
     * surrogate and cut-off sequences, stray continuation bytes, a byte-order mark, zero bytes in front) or replaced by
     * random bytes; values, errors (message and cause) and the whole vector afterwards must be the same.
     */
    @Property(tries = 400)
    void bytesPathEqualsStringPath(@ForAll long seed) {
        Random random = new Random(seed);
        DataType schema = random.nextInt(6) == 0 ? new ArrayType(type(random, 2), true) : struct(random, 3);
        for (boolean failFast : new boolean[] {false, true}) {
            JsonVectorReader reader = new JsonVectorReader(schema, UTC, options(failFast));
            ColumnVector bytesPath = ColumnVector.allocate(schema, 2);
            ColumnVector stringPath = ColumnVector.allocate(schema, 2);
            for (int row = 0; row < 12; row++) {
                byte[] bytes = bytes(random, json(random, schema, 3));
                String cast = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
                Object expected = readOne(() -> reader.read(cast, stringPath), stringPath);
                Object got = readOne(() -> reader.readUtf8(bytes, bytesPath), bytesPath);
                if (expected instanceof RuntimeException e) {
                    assertThat(got).as(cast).isInstanceOf(RuntimeException.class);
                    RuntimeException g = (RuntimeException) got;
                    assertThat(g.getMessage()).isEqualTo(e.getMessage());
                    assertThat(String.valueOf(g.getCause())).isEqualTo(String.valueOf(e.getCause()));
                    continue;
                }
                assertThat(got).as("%s as %s", cast, schema.simpleString()).isEqualTo(expected);
            }
            assertThat(bytesPath.size()).isEqualTo(stringPath.size());
            for (int row = 0; row < stringPath.size(); row++) {
                assertThat(bytesPath.getObject(row)).as("row %d afterwards", row).isEqualTo(stringPath.getObject(row));
            }
        }
    }

    /** {@link JsonVectorReader#plainUtf8} accepts exactly what Java's strict UTF-8 decoder accepts (bar its two rules). */
    @Property(tries = 2000)
    void plainUtf8IsStrictUtf8(@ForAll long seed) {
        Random random = new Random(seed);
        byte[] bytes = bytes(random, random.nextBoolean() ? "{\"a\":\"x\"}" : "[1,\"é€😀\"]");
        boolean strict;
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes));
            strict = true;
        } catch (java.nio.charset.CharacterCodingException e) {
            strict = false;
        }
        boolean bom = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF;
        boolean zeroInFront = false;
        for (int i = 0; i < Math.min(4, bytes.length); i++) {
            zeroInFront |= bytes[i] == 0;
        }
        assertThat(JsonVectorReader.plainUtf8(bytes)).as(java.util.Arrays.toString(bytes))
                .isEqualTo(strict && !bom && !zeroInFront);
    }

    /** The result of reading one record into {@code out}: its value, or the exception (with the record cut off). */
    private static Object readOne(Runnable read, ColumnVector out) {
        int before = out.size();
        try {
            read.run();
            return out.getObject(out.size() - 1);
        } catch (RuntimeException e) {
            JsonVectorReader.truncate(out, before);
            return e;
        }
    }

    private static final String[] WIDE = {"é", "€", "😀", "ß", "中文"};
    private static final byte[][] DAMAGE = {
        {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
        {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {0}, {(byte) 0xC2}};

    /** {@code json}'s UTF-8 bytes with raw non-ASCII text, often damaged; sometimes random bytes instead. */
    private static byte[] bytes(Random random, String json) {
        if (random.nextInt(20) == 0) {
            byte[] noise = new byte[random.nextInt(12)];
            random.nextBytes(noise);
            return noise;
        }
        String text = json.replace("\\u00e9", random.nextBoolean() ? WIDE[random.nextInt(WIDE.length)] : "\\u00e9")
                .replace("text", WIDE[random.nextInt(WIDE.length)]);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int damage = random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0;
        if (random.nextInt(15) == 0) {
            out.writeBytes(DAMAGE[8]); // a byte-order mark in front
        }
        if (random.nextInt(20) == 0) {
            out.write(0);
        }
        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            if (damage > 0 && random.nextInt(Math.max(1, utf8.length)) == 0) {
                out.writeBytes(DAMAGE[random.nextInt(DAMAGE.length)]);
                damage--;
            }
            out.write(utf8[i]);
        }
        if (random.nextInt(10) == 0) {
            byte[] cut = out.toByteArray();
            return java.util.Arrays.copyOf(cut, random.nextInt(cut.length + 1)); // may cut a multi-byte sequence
        }
        return out.toByteArray();
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
