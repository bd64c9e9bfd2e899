package dev.sluice.sql;

import dev.sluice.api.java.Tuple2;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.StructType;
import java.util.List;

/**
 * The encoder of {@link Tuple2} ({@link Encoders#tuple}, {@code Dataset.joinWith}): columns {@code _1} and
 * {@code _2}, each the single column of a one-column encoder ({@link Encoders#LONG()} gives a {@code bigint}
 * column) or a struct of the encoder's columns (beans, rows), as Spark's tuple encoder lays them out.
 * Immutable.
 */
final class TupleEncoder<T1, T2> implements Encoder<Tuple2<T1, T2>> {
    private final Encoder<T1> first;
    private final Encoder<T2> second;
    private final StructType schema;

    TupleEncoder(Encoder<T1> first, Encoder<T2> second) {
        this(first, second, new StructType().add("_1", columnType(first), true).add("_2", columnType(second), true));
    }

    /** With the {@code _1}/{@code _2} types and nullability a plan computed ({@code joinWith}). */
    TupleEncoder(Encoder<T1> first, Encoder<T2> second, StructType schema) {
        this.first = first;
        this.second = second;
        this.schema = schema;
    }

    /** Whether {@code encoder}'s objects are one column's value rather than a struct. */
    static boolean isFlat(Encoder<?> encoder) {
        return !(encoder instanceof BeanEncoder<?>) && encoder.clsTag() != Row.class
                && !(encoder instanceof TupleEncoder<?, ?>);
    }

    /** The type of {@code encoder}'s column in a tuple. */
    static DataType columnType(Encoder<?> encoder) {
        return isFlat(encoder) ? encoder.schema().apply(0).dataType() : encoder.schema();
    }

    /** The classes of the two values, for Spark's type-path in up-cast errors. */
    List<Class<?>> elementClasses() {
        return List.of(first.clsTag(), second.clsTag());
    }

    @Override
    public StructType schema() {
        return schema;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Class<Tuple2<T1, T2>> clsTag() {
        return (Class<Tuple2<T1, T2>>) (Class<?>) Tuple2.class;
    }

    @Override
    public Row toRow(Tuple2<T1, T2> value) {
        return new GenericRow(new Object[] {encode(first, value._1()), encode(second, value._2())}, schema);
    }

    @Override
    public Tuple2<T1, T2> fromRow(Row row) {
        return new Tuple2<>(decode(first, row.get(0)), decode(second, row.get(1)));
    }

    private static <T> Object encode(Encoder<T> encoder, T value) {
        if (value == null) {
            return null;
        }
        Row row = encoder.toRow(value);
        return isFlat(encoder) ? row.get(0) : row;
    }

    private static <T> T decode(Encoder<T> encoder, Object value) {
        if (value == null) {
            return null;
        }
        return encoder.fromRow(isFlat(encoder) ? new GenericRow(new Object[] {value}, null) : (Row) value);
    }
}
