package dev.sluice.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.batch.Chunk;
import dev.sluice.sql.Row;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link JavaValues#toRows} converts column by column (each column's conversion chosen once, timestamps straight
 * from the long array, rows wrapping their arrays): these tests compare it with the value-at-a-time path it replaced
 * ({@link JavaValues#toExternal} per value, a {@code Row} per array) over every type, nulls and several chunks.
 */
class JavaValuesRowsTest {
    private static final StructType SCHEMA = new StructType()
            .add("i", DataTypes.IntegerType).add("l", DataTypes.LongType).add("d", DataTypes.DoubleType)
            .add("f", DataTypes.FloatType).add("s", DataTypes.StringType).add("b", DataTypes.BooleanType)
            .add("bin", DataTypes.BinaryType).add("dec", DataTypes.createDecimalType(24, 3))
            .add("sh", DataTypes.ShortType).add("by", DataTypes.ByteType).add("date", DataTypes.DateType)
            .add("ts", DataTypes.TimestampType).add("ntz", DataTypes.TimestampNTZType)
            .add("dti", DataTypes.createDayTimeIntervalType()).add("ymi", DataTypes.createYearMonthIntervalType())
            .add("st", new StructType().add("x", DataTypes.LongType).add("t", DataTypes.TimestampType))
            .add("arr", DataTypes.createArrayType(DataTypes.TimestampType))
            .add("map", DataTypes.createMapType(DataTypes.StringType, DataTypes.DateType));

    @Test
    void columnByColumnRowsEqualValueAtATimeRows() {
        Random random = new Random(11);
        List<Row> input = new ArrayList<>();
        for (int r = 0; r < 5_000; r++) {
            Object[] values = new Object[SCHEMA.length()];
            for (int c = 0; c < values.length; c++) {
                values[c] = random.nextInt(6) == 0 ? null : value(SCHEMA.apply(c).dataType(), random);
            }
            input.add(RowFactory.create(values));
        }
        List<Chunk> chunks = JavaValues.toChunks(input, SCHEMA, ZoneId.of("UTC")); // several chunks
        assertThat(chunks).hasSizeGreaterThan(1);
        List<Row> rows = JavaValues.toRows(chunks, SCHEMA);
        List<Row> reference = new ArrayList<>();
        for (Chunk chunk : chunks) {
            for (int r = 0; r < chunk.rowCount(); r++) {
                Object[] values = new Object[SCHEMA.length()];
                for (int c = 0; c < values.length; c++) {
                    values[c] = JavaValues.toExternal(chunk.column(c).getObject(r), SCHEMA.apply(c).dataType());
                }
                reference.add(new dev.sluice.sql.GenericRow(values, SCHEMA));
            }
        }
        assertThat(rows).hasSize(5_000);
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            assertThat(row.schema()).isEqualTo(SCHEMA);
            assertThat(row).isEqualTo(reference.get(r));
            for (int c = 0; c < SCHEMA.length(); c++) {
                Object expected = reference.get(r).get(c);
                assertThat(row.get(c) == null ? null : row.get(c).getClass())
                        .isEqualTo(expected == null ? null : expected.getClass());
            }
        }
    }

    @Test
    void timestampsAreThoseOfTheInstantPath() {
        Random random = new Random(3);
        long[] edges = {0, -1, 1, 999_999, -999_999, 1_000_000, -1_000_001, Long.MAX_VALUE, Long.MIN_VALUE,
            253_402_300_799_999_999L, -62_135_596_800_000_000L};
        List<Long> micros = new ArrayList<>();
        for (long e : edges) {
            micros.add(e);
        }
        for (int i = 0; i < 100_000; i++) {
            micros.add(random.nextLong() >> random.nextInt(64));
        }
        for (long m : micros) {
            Timestamp expected = Timestamp.from(Instant.EPOCH.plus(m, ChronoUnit.MICROS));
            Timestamp actual = JavaValues.timestamp(m);
            assertThat(actual).as("micros %d", m).isEqualTo(expected);
            assertThat(actual.getTime()).isEqualTo(expected.getTime());
            assertThat(actual.getNanos()).isEqualTo(expected.getNanos());
            assertThat(actual.toString()).isEqualTo(expected.toString());
        }
    }

    private static Object value(DataType type, Random random) {
        if (type == DataTypes.IntegerType) {
            return random.nextInt();
        } else if (type == DataTypes.LongType) {
            return random.nextLong();
        } else if (type == DataTypes.DoubleType) {
            return random.nextDouble();
        } else if (type == DataTypes.FloatType) {
            return random.nextFloat();
        } else if (type == DataTypes.StringType) {
            return "s" + random.nextInt(1000);
        } else if (type == DataTypes.BooleanType) {
            return random.nextBoolean();
        } else if (type == DataTypes.BinaryType) {
            return new byte[] {(byte) random.nextInt()};
        } else if (type == DataTypes.ShortType) {
            return (short) random.nextInt();
        } else if (type == DataTypes.ByteType) {
            return (byte) random.nextInt();
        } else if (type == DataTypes.DateType) {
            return java.sql.Date.valueOf(java.time.LocalDate.ofEpochDay(random.nextInt(40_000) - 20_000));
        } else if (type == DataTypes.TimestampType) {
            Timestamp t = new Timestamp((random.nextLong() >> 22) / 1000 * 1000);
            t.setNanos(random.nextInt(1_000_000) * 1000);
            return t;
        } else if (type == DataTypes.TimestampNTZType) {
            return LocalDateTime.of(2000 + random.nextInt(50), 1 + random.nextInt(12), 1, 2, 3, 4, 5000);
        } else if (type instanceof dev.sluice.sql.types.DecimalType) {
            return new BigDecimal(random.nextInt(1_000_000)).movePointLeft(3);
        } else if (type instanceof dev.sluice.sql.types.DayTimeIntervalType) {
            return Duration.ofSeconds(random.nextInt(100_000), random.nextInt(1000) * 1000L);
        } else if (type instanceof dev.sluice.sql.types.YearMonthIntervalType) {
            return Period.ofMonths(random.nextInt(500)).normalized();
        } else if (type instanceof StructType) {
            return RowFactory.create(random.nextLong(), value(DataTypes.TimestampType, random));
        } else if (type instanceof dev.sluice.sql.types.ArrayType) {
            return List.of(value(DataTypes.TimestampType, random), value(DataTypes.TimestampType, random));
        } else {
            return Map.of("k" + random.nextInt(10), value(DataTypes.DateType, random));
        }
    }
}
