package dev.sluice.connectors.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.batch.Chunk;
import dev.sluice.connectors.file.ChunkReader;
import dev.sluice.connectors.file.FileAccess;
import dev.sluice.connectors.file.FormatOptions;
import dev.sluice.sql.sources.Filter;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.HadoopParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The vectorized read gives the same rows as the record-by-record read, on random files written by parquet-mr
 * itself: random schemas (every primitive incl. INT96 and INT64 millisecond/microsecond/nanosecond timestamps,
 * dates, 8/16-bit ints, decimals stored as INT32/INT64/FIXED/BINARY, strings, binary; required and optional
 * structs nested up to three deep; lists and maps, which fall back to record assembly inside the same chunk),
 * random nulls, dictionary-encoded or plain pages, several pages per column chunk and several row groups (files
 * of more than one chunk too), read whole or pruned to random columns and struct fields plus an absent column.
 */
class VectorizedReadPropertyTest {
    private static final String[] WORDS = {"a", "bb", "ccc", "héllo", "", "zz top", "x"};

    @Property(tries = 60)
    void vectorizedReadEqualsRecordRead(@ForAll long seed) throws IOException {
        Random r = new Random(seed);
        MessageType schema = new MessageType("spark_schema", fields(r, 1 + r.nextInt(6), 0));
        Path dir = Files.createTempDirectory("vec");
        try {
            Path file = dir.resolve("f.parquet");
            int rows = r.nextInt(10) == 0 ? 0 : r.nextInt(r.nextBoolean() ? 600 : 9000);
            boolean dictionary = r.nextBoolean();
            try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                    .withConf(new HadoopParquetConfiguration(new Configuration(false))).withType(schema)
                    .withDictionaryEncoding(dictionary).withRowGroupRowCountLimit(50 + r.nextInt(3000))
                    .withPageRowCountLimit(10 + r.nextInt(700)).withMinRowCountForPageSizeCheck(1)
                    .withPageSize(256 + r.nextInt(8192)).build()) {
                for (int i = 0; i < rows; i++) {
                    Group g = new SimpleGroup(schema);
                    fill(r, g, schema);
                    writer.write(g);
                }
            }
            StructType full = ParquetSchemas.toSluice(schema);
            StructType requested = r.nextBoolean() ? full : prune(r, full);
            List<String> vectorized = read(file, requested, true);
            List<String> assembled = read(file, requested, false);
            assertThat(vectorized).hasSize(rows).isEqualTo(assembled);
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<String> read(Path file, StructType requested, boolean vectorize) throws IOException {
        return read(file, requested, vectorize, true);
    }

    /** The file's rows as text, one line per row, checking every chunk's shape. */
    static List<String> read(Path file, StructType requested, boolean vectorize, boolean pageDecoding) throws IOException {
        List<String> out = new ArrayList<>();
        try (ChunkReader reader = new ParquetChunkReader(FormatOptions.of(Map.of(), java.time.ZoneOffset.UTC).files(), FileAccess.path(file), requested,
                List.<Filter>of(), vectorize, pageDecoding)) {
            for (Chunk c = reader.next(); c != null; c = reader.next()) {
                assertThat(c.rowCount()).isLessThanOrEqualTo(Chunk.DEFAULT_ROWS);
                for (int row = 0; row < c.rowCount(); row++) {
                    StringBuilder line = new StringBuilder();
                    for (int col = 0; col < c.columnCount(); col++) {
                        assertThat(c.column(col).size()).isEqualTo(c.rowCount());
                        line.append(text(c.column(col).getObject(row))).append(" | ");
                    }
                    out.add(line.toString());
                }
            }
        }
        return out;
    }

    /** Values as text: byte arrays by content, collections element by element. */
    private static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return Arrays.toString(bytes);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(VectorizedReadPropertyTest::text).toList().toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder b = new StringBuilder("{");
            map.forEach((k, v) -> b.append(text(k)).append('=').append(text(v)).append(','));
            return b.append('}').toString();
        }
        return String.valueOf(value);
    }

    /** Random top-level columns kept, random struct fields dropped, and a column no file has. */
    static StructType prune(Random r, StructType type) {
        List<StructField> kept = new ArrayList<>();
        for (StructField f : type) {
            if (r.nextInt(3) == 0) {
                continue;
            }
            DataType t = f.dataType();
            if (t instanceof StructType s && s.length() > 1 && r.nextBoolean()) {
                t = prune(r, s);
                if (((StructType) t).length() == 0) {
                    t = new StructType(List.of(s.apply(0)));
                }
            }
            kept.add(new StructField(f.name(), t, f.nullable()));
        }
        if (r.nextBoolean()) {
            kept.add(new StructField("absent_" + r.nextInt(100), dev.sluice.sql.types.DataTypes.LongType, true));
        }
        if (kept.isEmpty()) {
            kept.add(type.apply(0));
        }
        return new StructType(kept);
    }

    static List<Type> fields(Random r, int count, int depth) {
        List<Type> fields = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fields.add(field(r, "c" + depth + "_" + i, depth));
        }
        return fields;
    }

    private static Type field(Random r, String name, int depth) {
        Type.Repetition repetition = r.nextInt(4) == 0 ? Type.Repetition.REQUIRED : Type.Repetition.OPTIONAL;
        int kind = r.nextInt(depth < 3 ? 20 : 17);
        if (kind == 17) {
            return Types.buildGroup(repetition).addFields(fields(r, 1 + r.nextInt(3), depth + 1).toArray(new Type[0]))
                    .named(name);
        }
        if (kind == 18) {
            return Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
                    .addField(Types.repeatedGroup().addField(field(r, "element", depth + 1)).named("list")).named(name);
        }
        if (kind == 19) {
            return Types.buildGroup(repetition).as(LogicalTypeAnnotation.mapType())
                    .addField(Types.repeatedGroup().addField(Types.required(PrimitiveTypeName.BINARY)
                            .as(LogicalTypeAnnotation.stringType()).named("key"))
                            .addField(field(r, "value", depth + 1)).named("key_value")).named(name);
        }
        return primitive(kind, repetition, name);
    }

    private static Type primitive(int kind, Type.Repetition repetition, String name) {
        return switch (kind) {
            case 0 -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
            case 1 -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(name);
            case 2 -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.intType(8, true)).named(name);
            case 3 -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType()).named(name);
            case 4 -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
            case 5 -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(name);
            case 6 -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS)).named(name);
            case 7 -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.NANOS)).named(name);
            case 8 -> Types.primitive(PrimitiveTypeName.INT96, repetition).named(name);
            case 9 -> Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(name);
            case 10 -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
            case 11 -> Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType()).named(name);
            case 12 -> Types.primitive(PrimitiveTypeName.BINARY, repetition).named(name);
            case 13 -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.decimalType(2, 9)).named(name);
            case 14 -> Types.primitive(PrimitiveTypeName.INT64, repetition).as(LogicalTypeAnnotation.decimalType(4, 18)).named(name);
            case 15 -> Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(16)
                    .as(LogicalTypeAnnotation.decimalType(10, 38)).named(name);
            default -> Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.decimalType(3, 20))
                    .named(name);
        };
    }

    static void fill(Random r, Group g, GroupType type) {
        for (Type f : type.getFields()) {
            fillOne(r, g, f);
        }
    }

    /** One value of field {@code f} in {@code g}, or none (null) for an optional field one time in five. */
    private static void fillOne(Random r, Group g, Type f) {
        if (!f.isRepetition(Type.Repetition.REQUIRED) && r.nextInt(5) == 0) {
            return;
        }
        if (f.isPrimitive()) {
            addPrimitive(r, g, f);
            return;
        }
        Group child = g.addGroup(f.getName());
        LogicalTypeAnnotation annotation = f.getLogicalTypeAnnotation();
        if (annotation == null) {
            fill(r, child, f.asGroupType());
            return;
        }
        GroupType repeated = f.asGroupType().getType(0).asGroupType();
        int entries = r.nextInt(4);
        for (int e = 0; e < entries; e++) {
            Group entry = child.addGroup(repeated.getName());
            if (annotation instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation) {
                entry.add("key", "k" + e);
                fillOne(r, entry, repeated.getType(1));
            } else {
                fillOne(r, entry, repeated.getType(0));
            }
        }
    }

    private static void addPrimitive(Random r, Group g, Type f) {
        String name = f.getName();
        LogicalTypeAnnotation a = f.getLogicalTypeAnnotation();
        switch (f.asPrimitiveType().getPrimitiveTypeName()) {
            case BOOLEAN -> g.add(name, r.nextBoolean());
            case INT32 -> {
                if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) {
                    g.add(name, r.nextInt(2_000_000_000) - 1_000_000_000);
                } else if (a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation) {
                    g.add(name, r.nextInt(256) - 128);
                } else {
                    g.add(name, r.nextBoolean() ? r.nextInt(20) : r.nextInt());
                }
            }
            case INT64 -> g.add(name, r.nextBoolean() ? r.nextInt(20) : r.nextLong() / 4096);
            case INT96 -> {
                ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
                b.putLong(r.nextLong() & 0x0000_4FFF_FFFF_FFFFL % 86_400_000_000_000L);
                b.putInt(2_440_588 + r.nextInt(40_000) - 20_000);
                g.add(name, Binary.fromConstantByteArray(b.array()));
            }
            case FLOAT -> g.add(name, r.nextInt(10) == 0 ? Float.NaN : r.nextFloat() * 100 - 50);
            case DOUBLE -> g.add(name, r.nextInt(10) == 0 ? -0.0 : r.nextGaussian() * 1e6);
            case FIXED_LEN_BYTE_ARRAY -> {
                byte[] unscaled = new BigInteger(120, r).subtract(BigInteger.ONE.shiftLeft(119)).toByteArray();
                byte[] fixed = new byte[16];
                Arrays.fill(fixed, unscaled[0] < 0 ? (byte) -1 : 0);
                System.arraycopy(unscaled, 0, fixed, 16 - unscaled.length, unscaled.length);
                g.add(name, Binary.fromConstantByteArray(fixed));
            }
            case BINARY -> {
                if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) {
                    g.add(name, Binary.fromConstantByteArray(new BigDecimal(r.nextGaussian() * 1e9)
                            .setScale(3, java.math.RoundingMode.HALF_UP).unscaledValue().toByteArray()));
                } else if (a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation) {
                    g.add(name, r.nextBoolean() ? WORDS[r.nextInt(WORDS.length)] : Long.toString(r.nextLong(), 36));
                } else {
                    byte[] bytes = new byte[r.nextInt(6)];
                    r.nextBytes(bytes);
                    g.add(name, Binary.fromConstantByteArray(bytes));
                }
            }
            default -> throw new IllegalStateException(f.toString());
        }
    }
}
