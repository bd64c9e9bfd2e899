package dev.sluice.batch;

import dev.sluice.sql.types.DataTypes;
import java.util.Arrays;

/** A vector of {@code boolean} values. See {@link ColumnVector} for the lifecycle and threading contract. */
public final class BooleanVector extends ColumnVector {
    private boolean[] values;

    public BooleanVector(int capacity) {
        super(DataTypes.BooleanType, capacity);
        this.values = new boolean[this.capacity];
    }

    /** Adopts {@code values} as storage (no copy): what {@link #wrap} builds on. */
    private BooleanVector(boolean[] values) {
        super(DataTypes.BooleanType, values.length);
        this.values = values;
    }

    /** Wraps an array filled in bulk: the first {@code size} values are the content, {@code nulls} may be null. */
    public static BooleanVector wrap(boolean[] values, int size, boolean[] nulls) {
        // An empty array cannot back a vector of capacity 1; anything else is adopted as is, without the
        // throwaway allocation a capacity-sized constructor would make.
        BooleanVector v = values.length == 0 ? new BooleanVector(1) : new BooleanVector(values);
        v.setSize(size);
        v.setNullsArray(nulls);
        return v;
    }

    @Override
    protected void growTo(int newCapacity) {
        values = Arrays.copyOf(values, newCapacity);
    }

    /** The backing array (length may exceed {@link #size()}). Read-only by contract once published. */
    public boolean[] values() {
        return values;
    }

    @Override
    public boolean getBoolean(int row) {
        return values[row];
    }

    /** Sets slot {@code row} (below capacity) to {@code value}. */
    public void setBoolean(int row, boolean value) {
        values[row] = value;
        markSet(row);
    }

    @Override
    public void appendBoolean(boolean value) {
        ensureCapacity(size + 1);
        values[size] = value;
        markSet(size);
    }

    @Override
    public Object getObject(int row) {
        return isNull(row) ? null : (Boolean) values[row];
    }

    @Override
    public void appendObject(Object value) {
        if (value == null) {
            appendNull();
        } else {
            appendBoolean((Boolean) value);
        }
    }

    @Override
    public void appendFrom(ColumnVector source, int row) {
        if (source.isNull(row)) {
            appendNull();
        } else {
            appendBoolean(((BooleanVector) source).values[row]);
        }
    }

    @Override
    public ColumnVector take(int[] rows, int count) {
        boolean[] out = new boolean[Math.max(count, 1)];
        for (int i = 0; i < count; i++) {
            out[i] = values[rows[i]];
        }
        boolean[] outNulls = gatherNulls(rows, count, out.length);
        return wrap(out, count, outNulls);
    }

    @Override
    public ColumnVector copyRange(int from, int to) {
        int count = to - from;
        boolean[] out = java.util.Arrays.copyOfRange(values, from, from + Math.max(count, 1));
        return wrap(out, count, rangeNulls(from, to, out.length));
    }

    @Override
    protected int nonNullHash(int row) {
        return Boolean.hashCode(values[row]);
    }

    @Override
    protected boolean nonNullEquals(int row, ColumnVector other, int otherRow) {
        return Boolean.compare(values[row], ((BooleanVector) other).values[otherRow]) == 0;
    }
}
