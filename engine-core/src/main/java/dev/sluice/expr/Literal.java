package dev.sluice.expr;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StringType;
import java.util.Objects;

/**
 * A constant in internal value form (see {@link ColumnVector}); {@code value} null is SQL NULL of
 * {@link #dataType()}.
 */
public final class Literal extends LeafExpression {
    /** The untyped NULL. */
    public static final Literal NULL = new Literal(null, DataTypes.NullType);

    private final Object value;
    private final DataType dataType;
    /** The last vector handed out: vectors are immutable once published, so chunks of equal size share it. */
    private volatile ColumnVector cached;

    public Literal(Object value, DataType dataType) {
        this.value = value;
        this.dataType = Objects.requireNonNull(dataType, "dataType is null");
    }

    public static Literal of(int value) {
        return new Literal(value, DataTypes.IntegerType);
    }

    public static Literal of(long value) {
        return new Literal(value, DataTypes.LongType);
    }

    public static Literal of(double value) {
        return new Literal(value, DataTypes.DoubleType);
    }

    public static Literal of(String value) {
        return new Literal(value, DataTypes.StringType);
    }

    public static Literal of(boolean value) {
        return new Literal(value, DataTypes.BooleanType);
    }

    /** The internal value, or null. */
    public Object value() {
        return value;
    }

    @Override
    public DataType dataType() {
        return dataType;
    }

    @Override
    public boolean nullable() {
        return value == null;
    }

    @Override
    public boolean foldable() {
        return true;
    }

    @Override
    public ColumnVector eval(Chunk input) {
        int rows = input.rowCount();
        ColumnVector vector = cached;
        if (vector == null || vector.size() != rows) {
            vector = fill(rows);
            cached = vector;
        }
        return vector;
    }

    /** A vector holding this value {@code rows} times. */
    public ColumnVector fill(int rows) {
        ColumnVector v = ColumnVector.allocate(dataType, rows);
        for (int i = 0; i < rows; i++) {
            v.appendObject(value);
        }
        return v;
    }

    @Override
    public String sql() {
        if (value == null) {
            return "NULL";
        }
        if (dataType instanceof StringType) {
            return value.toString();
        }
        return ValueRendering.render(value, dataType);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Literal l && Objects.equals(l.value, value) && l.dataType.equals(dataType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, dataType);
    }
}
