package dev.sluice.sql.types;

import java.util.List;

/** Factory and singletons for data types, mirroring Spark's Java {@code DataTypes}. */
public final class DataTypes {
    public static final DataType BooleanType = dev.sluice.sql.types.BooleanType.INSTANCE;
    public static final DataType ByteType = dev.sluice.sql.types.ByteType.INSTANCE;
    public static final DataType ShortType = dev.sluice.sql.types.ShortType.INSTANCE;
    public static final DataType IntegerType = dev.sluice.sql.types.IntegerType.INSTANCE;
    public static final DataType LongType = dev.sluice.sql.types.LongType.INSTANCE;
    public static final DataType FloatType = dev.sluice.sql.types.FloatType.INSTANCE;
    public static final DataType DoubleType = dev.sluice.sql.types.DoubleType.INSTANCE;
    public static final DataType StringType = dev.sluice.sql.types.StringType.INSTANCE;
    public static final DataType BinaryType = dev.sluice.sql.types.BinaryType.INSTANCE;
    public static final DataType DateType = dev.sluice.sql.types.DateType.INSTANCE;
    public static final DataType TimestampType = dev.sluice.sql.types.TimestampType.INSTANCE;
    /** Spark's {@code TIMESTAMP_NTZ}: a date-time without time zone ({@link java.time.LocalDateTime}). */
    public static final DataType TimestampNTZType = dev.sluice.sql.types.TimestampNTZType.INSTANCE;
    public static final DataType NullType = dev.sluice.sql.types.NullType.INSTANCE;
    public static final DataType CalendarIntervalType = dev.sluice.sql.types.CalendarIntervalType.INSTANCE;

    private DataTypes() {
    }

    /** {@code INTERVAL DAY TO SECOND}, the type of {@link java.time.Duration} values. */
    public static DayTimeIntervalType createDayTimeIntervalType() {
        return new DayTimeIntervalType(DayTimeIntervalType.DAY(), DayTimeIntervalType.SECOND());
    }

    /**
     * The day-time interval type from {@code startField} to {@code endField} ({@link DayTimeIntervalType#DAY()}
     * ... {@link DayTimeIntervalType#SECOND()}).
     *
     * @throws IllegalArgumentException when the fields are out of range or out of order
     */
    public static DayTimeIntervalType createDayTimeIntervalType(byte startField, byte endField) {
        return new DayTimeIntervalType(startField, endField);
    }

    /** {@code INTERVAL YEAR TO MONTH}, the type of {@link java.time.Period} values. */
    public static YearMonthIntervalType createYearMonthIntervalType() {
        return new YearMonthIntervalType(YearMonthIntervalType.YEAR(), YearMonthIntervalType.MONTH());
    }

    /**
     * The year-month interval type from {@code startField} to {@code endField}.
     *
     * @throws IllegalArgumentException when the fields are out of range or out of order
     */
    public static YearMonthIntervalType createYearMonthIntervalType(byte startField, byte endField) {
        return new YearMonthIntervalType(startField, endField);
    }

    public static DecimalType createDecimalType(int precision, int scale) {
        return new DecimalType(precision, scale);
    }

    public static DecimalType createDecimalType() {
        return DecimalType.USER_DEFAULT;
    }

    public static ArrayType createArrayType(DataType elementType) {
        return new ArrayType(elementType, true);
    }

    public static ArrayType createArrayType(DataType elementType, boolean containsNull) {
        return new ArrayType(elementType, containsNull);
    }

    public static MapType createMapType(DataType keyType, DataType valueType) {
        return new MapType(keyType, valueType, true);
    }

    public static MapType createMapType(DataType keyType, DataType valueType, boolean valueContainsNull) {
        return new MapType(keyType, valueType, valueContainsNull);
    }

    public static StructField createStructField(String name, DataType dataType, boolean nullable) {
        return new StructField(name, dataType, nullable);
    }

    /** A field with metadata, as Spark's {@code DataTypes.createStructField(name, dataType, nullable, metadata)}. */
    public static StructField createStructField(String name, DataType dataType, boolean nullable,
            Metadata metadata) {
        return new StructField(name, dataType, nullable, metadata);
    }

    public static StructType createStructType(List<StructField> fields) {
        return new StructType(fields);
    }

    public static StructType createStructType(StructField[] fields) {
        return new StructType(fields);
    }
}
