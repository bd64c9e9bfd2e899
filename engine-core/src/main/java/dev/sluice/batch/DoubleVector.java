package dev.sluice.batch;

import dev.sluice.sql.types.DataTypes;
import java.util.Arrays;

/** A vector of {@code double} values. See {@link ColumnVector} for the lifecycle and threading contract. */
public final class DoubleVector extends ColumnVector {
    private double[] values;

    public DoubleVector(int capacity) {
        super(DataTypes.DoubleType, capacity);
        this.values = new double[this.capacity];
    }

    /** Wraps an array filled in bulk: the first {@code size} values are the content, {@code nulls} may be null. */
    public static DoubleVector wrap(double[] values, int size, boolean[] nulls) {
        DoubleVector v = new DoubleVector(values.length);
        v.values = values;
        v.setSize(size);
        v.setNullsArray(nulls);
        return v;
    }

    @Override
    protected void growTo(int newCapacity) {
        values = Arrays.copyOf(values, newCapacity);
    }

    /** The backing array (length may exceed {@link #size()}). Read-only by contract once published. */
    public double[] values() {
        return values;
    }

    @Override
    public double getDouble(int row) {
        return values[row];
    }

    /** Sets slot {@code row} (below capacity) to {@code value}. */
    public void setDouble(int row, double value) {
        values[row] = value;
        markSet(row);
    }

    @Override
    public void appendDouble(double value) {
        ensureCapacity(size + 1);
        values[size] = value;
        markSet(size);
    }

    @Override
    public Object getObject(int row) {
        return isNull(row) ? null : (Double) values[row];
    }

    @Override
    public void appendObject(Object value) {
        if (value == null) {
            appendNull();
        } else {
            appendDouble((Double) value);
        }
    }

    @Override
    public void appendFrom(ColumnVector source, int row) {
        if (source.isNull(row)) {
            appendNull();
        } else {
            appendDouble(((DoubleVector) source).values[row]);
        }
    }

    @Override
    public ColumnVector take(int[] rows, int count) {
        double[] out = new double[Math.max(count, 1)];
        for (int i = 0; i < count; i++) {
            out[i] = values[rows[i]];
        }
        boolean[] outNulls = gatherNulls(rows, count, out.length);
        return wrap(out, count, outNulls);
    }

    @Override
    protected int nonNullHash(int row) {
        return Double.hashCode(values[row]);
    }

    @Override
    protected boolean nonNullEquals(int row, ColumnVector other, int otherRow) {
        return Double.compare(values[row], ((DoubleVector) other).values[otherRow]) == 0;
    }
}
