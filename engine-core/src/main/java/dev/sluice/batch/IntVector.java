package dev.sluice.batch;

import dev.sluice.sql.types.DataType;
import java.util.Arrays;

/** A vector of {@code int} values (byte, short, int and date: days since epoch). See {@link ColumnVector} for the lifecycle and threading contract. */
public final class IntVector extends ColumnVector {
    private int[] values;

    public IntVector(DataType type, int capacity) {
        super(type, capacity);
        this.values = new int[this.capacity];
    }

    /** Adopts {@code values} as storage (no copy): what {@link #wrap} builds on. */
    private IntVector(DataType type, int[] values) {
        super(type, values.length);
        this.values = values;
    }

    /** Wraps an array filled in bulk: the first {@code size} values are the content, {@code nulls} may be null. */
    public static IntVector wrap(DataType type, int[] values, int size, boolean[] nulls) {
        // An empty array cannot back a vector of capacity 1; anything else is adopted as is, without the
        // throwaway allocation a capacity-sized constructor would make.
        IntVector v = values.length == 0 ? new IntVector(type, 1) : new IntVector(type, values);
        v.setSize(size);
        v.setNullsArray(nulls);
        return v;
    }

    @Override
    protected void growTo(int newCapacity) {
        values = Arrays.copyOf(values, newCapacity);
    }

    /** The backing array (length may exceed {@link #size()}). Read-only by contract once published. */
    public int[] values() {
        return values;
    }

    @Override
    public int getInt(int row) {
        return values[row];
    }

    /** Sets slot {@code row} (below capacity) to {@code value}. */
    public void setInt(int row, int value) {
        values[row] = value;
        markSet(row);
    }

    @Override
    public void appendInt(int value) {
        ensureCapacity(size + 1);
        values[size] = value;
        markSet(size);
    }

    @Override
    public Object getObject(int row) {
        return isNull(row) ? null : (Integer) values[row];
    }

    @Override
    public void appendObject(Object value) {
        if (value == null) {
            appendNull();
        } else {
            appendInt((Integer) value);
        }
    }

    @Override
    public void appendFrom(ColumnVector source, int row) {
        if (source.isNull(row)) {
            appendNull();
        } else {
            appendInt(((IntVector) source).values[row]);
        }
    }

    @Override
    public ColumnVector take(int[] rows, int count) {
        int[] out = new int[Math.max(count, 1)];
        for (int i = 0; i < count; i++) {
            out[i] = values[rows[i]];
        }
        boolean[] outNulls = gatherNulls(rows, count, out.length);
        return wrap(type, out, count, outNulls);
    }

    @Override
    public ColumnVector copyRange(int from, int to) {
        int count = to - from;
        int[] out = java.util.Arrays.copyOfRange(values, from, from + Math.max(count, 1));
        return wrap(type, out, count, rangeNulls(from, to, out.length));
    }

    @Override
    protected int nonNullHash(int row) {
        return Integer.hashCode(values[row]);
    }

    @Override
    protected boolean nonNullEquals(int row, ColumnVector other, int otherRow) {
        return Integer.compare(values[row], ((IntVector) other).values[otherRow]) == 0;
    }
}
