package dev.sluice.analysis;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.LongVector;
import dev.sluice.expr.Literal;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.GenericRow;
import dev.sluice.sql.Row;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.BinaryType;
import dev.sluice.sql.types.BooleanType;
import dev.sluice.sql.types.ByteType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DateType;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.IntegerType;
import dev.sluice.sql.types.LongType;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.ShortType;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.StructType;
import dev.sluice.sql.types.TimestampType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversions between external Java values (what {@link Row} and {@code lit()} hold) and the engine's
 * internal value form (see {@link ColumnVector}). Stateless and thread-safe.
 */
public final class JavaValues {
    private JavaValues() {
    }

    /** The literal for a Java value, with the type Spark infers for it. */
    public static Literal literal(Object value) {
        if (value == null) {
            return Literal.NULL;
        }
        DataType type = inferType(value);
        return new Literal(toInternal(value, type, ZoneId.of("UTC")), type);
    }

    /** Spark's type for a Java value ({@code lit(5)} is int, {@code lit(5L)} bigint, ...). */
    public static DataType inferType(Object value) {
        if (value instanceof Integer) {
            return DataTypes.IntegerType;
        }
        if (value instanceof Long) {
            return DataTypes.LongType;
        }
        if (value instanceof Double) {
            return DataTypes.DoubleType;
        }
        if (value instanceof Float) {
            return DataTypes.FloatType;
        }
        if (value instanceof Short) {
            return DataTypes.ShortType;
        }
        if (value instanceof Byte) {
            return DataTypes.ByteType;
        }
        if (value instanceof String) {
            return DataTypes.StringType;
        }
        if (value instanceof Boolean) {
            return DataTypes.BooleanType;
        }
        if (value instanceof BigDecimal d) {
            int scale = Math.max(d.scale(), 0);
            return new DecimalType(Math.max(Math.max(d.precision(), scale), 1), scale);
        }
        if (value instanceof byte[]) {
            return DataTypes.BinaryType;
        }
        if (value instanceof Timestamp || value instanceof Instant) {
            return DataTypes.TimestampType;
        }
        if (value instanceof LocalDateTime) {
            return DataTypes.TimestampNTZType; // Spark 3.4+: a LocalDateTime literal is a TIMESTAMP_NTZ
        }
        if (value instanceof java.time.Duration) {
            return DataTypes.createDayTimeIntervalType();
        }
        if (value instanceof java.time.Period) {
            return DataTypes.createYearMonthIntervalType();
        }
        if (value instanceof java.sql.Date || value instanceof LocalDate) {
            return DataTypes.DateType;
        }
        throw new AnalysisException("UNSUPPORTED_FEATURE.LITERAL_TYPE", "Literal for '" + value + "' of "
                + value.getClass() + ".", "0A000");
    }

    /** Converts an external value to the internal form of {@code type}; {@code zone} reads LocalDateTime. */
    public static Object toInternal(Object value, DataType type, ZoneId zone) {
        if (value == null) {
            return null;
        }
        try {
            if (type instanceof IntegerType || type instanceof ShortType || type instanceof ByteType) {
                return ((Number) value).intValue();
            }
            if (type instanceof LongType) {
                return ((Number) value).longValue();
            }
            if (type instanceof DoubleType) {
                return ((Number) value).doubleValue();
            }
            if (type instanceof FloatType) {
                return ((Number) value).floatValue();
            }
            if (type instanceof StringType) {
                return (String) value;
            }
            if (type instanceof BooleanType) {
                return (Boolean) value;
            }
            if (type instanceof BinaryType) {
                return (byte[]) value;
            }
            if (type instanceof DecimalType d) {
                BigDecimal decimal = value instanceof BigDecimal b ? b
                        : value instanceof BigInteger i ? new BigDecimal(i) : new BigDecimal(value.toString());
                return decimal.setScale(d.scale(), RoundingMode.HALF_UP);
            }
            if (type instanceof DateType) {
                LocalDate date = value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
                return (int) date.toEpochDay();
            }
            if (type instanceof TimestampType) {
                Instant instant = value instanceof Timestamp t ? t.toInstant()
                        : value instanceof LocalDateTime l ? l.atZone(zone).toInstant() : (Instant) value;
                // Not ChronoUnit.MICROS.between: it counts nanoseconds first and overflows past the year 2262.
                return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
                        instant.getNano() / 1000);
            }
            if (type instanceof dev.sluice.sql.types.TimestampNTZType) {
                LocalDateTime local = value instanceof Timestamp t ? t.toLocalDateTime() : (LocalDateTime) value;
                return Math.addExact(Math.multiplyExact(local.toEpochSecond(ZoneOffset.UTC), 1_000_000L),
                        local.getNano() / 1000);
            }
            if (type instanceof dev.sluice.sql.types.DayTimeIntervalType) {
                return dev.sluice.expr.AnsiIntervals.durationToMicros((java.time.Duration) value);
            }
            if (type instanceof dev.sluice.sql.types.YearMonthIntervalType) {
                return dev.sluice.expr.AnsiIntervals.periodToMonths((java.time.Period) value);
            }
            if (type instanceof StructType s) {
                Row row = (Row) value;
                Object[] fields = new Object[s.length()];
                for (int i = 0; i < fields.length; i++) {
                    fields[i] = toInternal(row.get(i), s.apply(i).dataType(), zone);
                }
                return Collections.unmodifiableList(Arrays.asList(fields));
            }
            if (type instanceof ArrayType a) {
                List<?> items = value instanceof Object[] array ? Arrays.asList(array) : (List<?>) value;
                List<Object> out = new ArrayList<>(items.size());
                for (Object item : items) {
                    out.add(toInternal(item, a.elementType(), zone));
                }
                return Collections.unmodifiableList(out);
            }
            if (type instanceof MapType m) {
                Map<Object, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    out.put(toInternal(e.getKey(), m.keyType(), zone), toInternal(e.getValue(), m.valueType(), zone));
                }
                return Collections.unmodifiableMap(out);
            }
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("The value '" + value + "' of " + value.getClass().getName()
                    + " is not a valid external value for type " + type.simpleString(), e);
        }
        throw new IllegalArgumentException("no conversion for type " + type.simpleString());
    }

    /** Converts an internal value of {@code type} to the external form a {@link Row} exposes. */
    @SuppressWarnings("unchecked")
    public static Object toExternal(Object value, DataType type) {
        if (value == null) {
            return null;
        }
        if (type instanceof ShortType) {
            return ((Integer) value).shortValue();
        }
        if (type instanceof ByteType) {
            return ((Integer) value).byteValue();
        }
        if (type instanceof DateType) {
            return java.sql.Date.valueOf(LocalDate.ofEpochDay((Integer) value));
        }
        if (type instanceof TimestampType) {
            return timestamp((Long) value);
        }
        if (type instanceof dev.sluice.sql.types.TimestampNTZType) {
            long micros = (Long) value;
            return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
        }
        if (type instanceof dev.sluice.sql.types.DayTimeIntervalType) {
            return dev.sluice.expr.AnsiIntervals.microsToDuration((Long) value);
        }
        if (type instanceof dev.sluice.sql.types.YearMonthIntervalType) {
            return dev.sluice.expr.AnsiIntervals.monthsToPeriod((Integer) value);
        }
        if (type instanceof StructType s) {
            List<Object> fields = (List<Object>) value;
            Object[] out = new Object[fields.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = toExternal(fields.get(i), s.apply(i).dataType());
            }
            return GenericRow.wrap(out, s); // the array is ours: no second copy per nested row
        }
        if (type instanceof ArrayType a) {
            List<Object> out = new ArrayList<>();
            for (Object item : (List<Object>) value) {
                out.add(toExternal(item, a.elementType()));
            }
            return Collections.unmodifiableList(out);
        }
        if (type instanceof MapType m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<Object, Object> e : ((Map<Object, Object>) value).entrySet()) {
                out.put(toExternal(e.getKey(), m.keyType()), toExternal(e.getValue(), m.valueType()));
            }
            return Collections.unmodifiableMap(out);
        }
        return value;
    }

    /** Builds chunks from external rows, checking each value against the schema (nulls in non-nullable fields). */
    public static List<Chunk> toChunks(List<Row> rows, StructType schema, ZoneId zone) {
        List<Chunk> chunks = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += Chunk.DEFAULT_ROWS) {
            int to = Math.min(rows.size(), from + Chunk.DEFAULT_ROWS);
            ColumnVector[] columns = new ColumnVector[schema.length()];
            for (int c = 0; c < columns.length; c++) {
                columns[c] = ColumnVector.allocate(schema.apply(c).dataType(), to - from);
            }
            for (int r = from; r < to; r++) {
                Row row = rows.get(r);
                if (row.size() != columns.length) {
                    throw new IllegalArgumentException("row " + r + " has " + row.size() + " fields, schema has "
                            + columns.length + ": " + row);
                }
                for (int c = 0; c < columns.length; c++) {
                    Object v = row.get(c);
                    if (v == null && !schema.apply(c).nullable()) {
                        throw new IllegalArgumentException("row " + r + ": field " + schema.apply(c).name()
                                + " is not nullable but got null");
                    }
                    columns[c].appendObject(toInternal(v, schema.apply(c).dataType(), zone));
                }
            }
            chunks.add(new Chunk(to - from, columns));
        }
        return chunks;
    }

    /**
     * The external value of a timestamp: what {@code Timestamp.from(Instant.EPOCH.plus(micros, MICROS))} gives
     * (the same milliseconds and nanoseconds), without the two intermediate {@code Instant}s.
     */
    public static Timestamp timestamp(long micros) {
        Timestamp t = new Timestamp(Math.floorDiv(micros, 1_000_000L) * 1000); // whole seconds: no overflow
        t.setNanos((int) Math.floorMod(micros, 1_000_000L) * 1000);
        return t;
    }

    /**
     * Converts every row of the chunks to external rows carrying {@code schema}. Column by column: each column's
     * conversion is chosen once and run over its rows (values that are their own external form are taken as they
     * are, timestamps straight from the long array); the values are those {@link #toExternal} gives.
     */
    public static List<Row> toRows(List<Chunk> chunks, StructType schema) {
        int width = schema.length();
        int total = 0;
        for (Chunk chunk : chunks) {
            total += chunk.rowCount();
        }
        List<Row> rows = new ArrayList<>(total);
        for (Chunk chunk : chunks) {
            int n = chunk.rowCount();
            Object[][] values = new Object[n][width];
            for (int c = 0; c < width; c++) {
                externalColumn(chunk.column(c), schema.apply(c).dataType(), values, c, n);
            }
            for (Object[] row : values) {
                rows.add(GenericRow.wrap(row, schema));
            }
        }
        return rows;
    }

    /** Fills column {@code c} of {@code rows[0..n)} with the external values of {@code vector}'s first n rows. */
    private static void externalColumn(ColumnVector vector, DataType type, Object[][] rows, int c, int n) {
        if (type instanceof TimestampType && vector instanceof LongVector longs) {
            long[] micros = longs.values();
            for (int r = 0; r < n; r++) {
                rows[r][c] = longs.isNull(r) ? null : timestamp(micros[r]);
            }
        } else if (isOwnExternalForm(type)) {
            for (int r = 0; r < n; r++) {
                rows[r][c] = vector.getObject(r);
            }
        } else {
            for (int r = 0; r < n; r++) {
                rows[r][c] = toExternal(vector.getObject(r), type);
            }
        }
    }

    /** Types whose internal values {@link #toExternal} returns unchanged. */
    private static boolean isOwnExternalForm(DataType type) {
        return type instanceof IntegerType || type instanceof LongType || type instanceof DoubleType
                || type instanceof FloatType || type instanceof StringType || type instanceof BooleanType
                || type instanceof BinaryType || type instanceof DecimalType;
    }
}
