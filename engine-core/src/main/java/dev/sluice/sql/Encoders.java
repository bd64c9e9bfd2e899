package dev.sluice.sql;

import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.sql.Date;
import java.sql.Timestamp;

/**
 * Factory of {@link Encoder}s, as Spark's {@code Encoders}: single-column encoders of Java types (one
 * nullable column named {@code value}), {@link #bean} for Java beans and records (one column per property,
 * ordered alphabetically by name, as Spark orders bean columns), {@link #row} for untyped rows, {@link #tuple}
 * for pairs of Sluice's {@link dev.sluice.api.java.Tuple2} (Spark's {@code scala.Tuple2} needs the Scala
 * library; Sluice's has the same Java-visible members). Not in Sluice: {@code kryo}/{@code javaSerialization},
 * {@code product}, and tuples of three or more. Encoders are immutable values.
 */
public final class Encoders {
    private Encoders() {
    }

    public static Encoder<Boolean> BOOLEAN() {
        return new AtomicEncoder<>(Boolean.class, DataTypes.BooleanType);
    }

    public static Encoder<Byte> BYTE() {
        return new AtomicEncoder<>(Byte.class, DataTypes.ByteType);
    }

    public static Encoder<Short> SHORT() {
        return new AtomicEncoder<>(Short.class, DataTypes.ShortType);
    }

    public static Encoder<Integer> INT() {
        return new AtomicEncoder<>(Integer.class, DataTypes.IntegerType);
    }

    public static Encoder<Long> LONG() {
        return new AtomicEncoder<>(Long.class, DataTypes.LongType);
    }

    public static Encoder<Float> FLOAT() {
        return new AtomicEncoder<>(Float.class, DataTypes.FloatType);
    }

    public static Encoder<Double> DOUBLE() {
        return new AtomicEncoder<>(Double.class, DataTypes.DoubleType);
    }

    public static Encoder<String> STRING() {
        return new AtomicEncoder<>(String.class, DataTypes.StringType);
    }

    public static Encoder<byte[]> BINARY() {
        return new AtomicEncoder<>(byte[].class, DataTypes.BinaryType);
    }

    /** {@code decimal(38,18)}, Spark's default decimal type for BigDecimal. */
    public static Encoder<java.math.BigDecimal> DECIMAL() {
        return new AtomicEncoder<>(java.math.BigDecimal.class, DataTypes.createDecimalType(38, 18));
    }

    public static Encoder<Date> DATE() {
        return new AtomicEncoder<>(Date.class, DataTypes.DateType);
    }

    public static Encoder<Timestamp> TIMESTAMP() {
        return new AtomicEncoder<>(Timestamp.class, DataTypes.TimestampType);
    }

    public static Encoder<java.time.LocalDate> LOCALDATE() {
        return new AtomicEncoder<>(java.time.LocalDate.class, DataTypes.DateType);
    }

    public static Encoder<java.time.Instant> INSTANT() {
        return new AtomicEncoder<>(java.time.Instant.class, DataTypes.TimestampType);
    }

    /** {@code timestamp_ntz}: a date-time without time zone, as Spark's {@code Encoders.LOCALDATETIME()}. */
    public static Encoder<java.time.LocalDateTime> LOCALDATETIME() {
        return new AtomicEncoder<>(java.time.LocalDateTime.class, DataTypes.TimestampNTZType);
    }

    /**
     * {@code interval day to second}, as Spark's {@code Encoders.DURATION()}: whole microseconds (finer
     * nanoseconds are dropped).
     */
    public static Encoder<java.time.Duration> DURATION() {
        return new AtomicEncoder<>(java.time.Duration.class, DataTypes.createDayTimeIntervalType());
    }

    /**
     * {@code interval year to month}, as Spark's {@code Encoders.PERIOD()}: years and months (the days of a
     * period are not kept; read back, periods are normalized, {@code P14M} as {@code P1Y2M}).
     */
    public static Encoder<java.time.Period> PERIOD() {
        return new AtomicEncoder<>(java.time.Period.class, DataTypes.createYearMonthIntervalType());
    }

    /**
     * An encoder of a Java bean (properties with a getter and a setter, a public no-argument constructor) or
     * of a record (its components); columns ordered alphabetically. Supported property types: boxed and
     * primitive numbers, boolean, String, Timestamp, Date, Instant, LocalDate, LocalDateTime, Duration, Period,
     * BigDecimal, byte[], enums (stored
     * as their name), {@code List<X>} and arrays (array columns), {@code Map<K, V>} (map columns) and nested
     * beans/records (struct columns).
     *
     * @throws UnsupportedOperationException for a property of another type
     */
    public static <T> Encoder<T> bean(Class<T> beanClass) {
        return new BeanEncoder<>(beanClass);
    }

    /**
     * An encoder of {@link dev.sluice.api.java.Tuple2} pairs (Sluice's stand-in for {@code scala.Tuple2}):
     * columns {@code _1} and {@code _2}, each the value of a one-column encoder or a struct of a bean's columns,
     * as Spark's {@code Encoders.tuple(e1, e2)}.
     */
    public static <T1, T2> Encoder<dev.sluice.api.java.Tuple2<T1, T2>> tuple(Encoder<T1> e1, Encoder<T2> e2) {
        return new TupleEncoder<>(e1, e2);
    }

    /** The identity encoder of rows of {@code schema}. */
    public static Encoder<Row> row(StructType schema) {
        return new RowEncoder(schema);
    }

    /** One column {@code value} holding the object itself. */
    private record AtomicEncoder<T>(Class<T> clsTag, DataType type) implements Encoder<T> {
        @Override
        public StructType schema() {
            return new StructType().add("value", type, true);
        }

        @Override
        public Row toRow(T value) {
            return new GenericRow(new Object[] {value}, schema());
        }

        @Override
        public T fromRow(Row row) {
            return clsTag.cast(JavaTypeCodec.atomicToJava(row.get(0), clsTag));
        }
    }

    private record RowEncoder(StructType schema) implements Encoder<Row> {
        @Override
        public Class<Row> clsTag() {
            return Row.class;
        }

        @Override
        public Row toRow(Row value) {
            return value;
        }

        @Override
        public Row fromRow(Row row) {
            return row;
        }
    }
}
