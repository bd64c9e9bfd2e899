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

    /** Adopts {@code values} as storage (no copy): what {@link #wrap} builds on. */
    private DoubleVector(double[] values) {
        super(DataTypes.DoubleType, values.length);
        this.values = values;
    }

    /** Wraps an array filled in bulk: the first {@code size} values are the content, {@code nulls} may be null. */
    public static DoubleVector wrap(double[] values, int size, boolean[] nulls) {
        // An empty array cannot back a vector of capacity 1; anything else is adopted as is, without the
        // throwaway allocation a capacity-sized constructor would make.
        DoubleVector v = values.length == 0 ? new DoubleVector(1) : new DoubleVector(values);
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
    public ColumnVector copyRange(int from, int to) {
        int count = to - from;
        double[] out = java.util.Arrays.copyOfRange(values, from, from + Math.max(count, 1));
        return wrap(out, count, rangeNulls(from, to, out.length));
    }

    @Override
    protected int nonNullHash(int row) {
        // -0.0 hashes as 0.0 and every NaN alike (Double.hashCode canonicalizes NaN): see nonNullEquals.
        double v = values[row];
        return v == 0 ? 0 : Double.hashCode(v);
    }

    @Override
    protected boolean nonNullEquals(int row, ColumnVector other, int otherRow) {
        // Spark normalizes floating-point keys before grouping, joining and partitioning: 0.0 equals -0.0 and
        // NaN equals NaN.
        double a = values[row];
        double b = ((DoubleVector) other).values[otherRow];
        return a == b || (a != a && b != b);
    }
}
