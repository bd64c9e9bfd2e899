package dev.sluice.batch;

import dev.sluice.sql.types.DataType;
import java.util.Arrays;

/** A vector of {@code long} values (long, and timestamp: microseconds since epoch UTC). See {@link ColumnVector} for the lifecycle and threading contract. */
public final class LongVector extends ColumnVector {
    private long[] values;

    public LongVector(DataType type, int capacity) {
        super(type, capacity);
        this.values = new long[this.capacity];
    }

    /** Adopts {@code values} as storage (no copy): what {@link #wrap} builds on. */
    private LongVector(DataType type, long[] values) {
        super(type, values.length);
        this.values = values;
    }

    /** Wraps an array filled in bulk: the first {@code size} values are the content, {@code nulls} may be null. */
    public static LongVector wrap(DataType type, long[] values, int size, boolean[] nulls) {
        // An empty array cannot back a vector of capacity 1; anything else is adopted as is, without the
        // throwaway allocation a capacity-sized constructor would make.
        LongVector v = values.length == 0 ? new LongVector(type, 1) : new LongVector(type, values);
        v.setSize(size);
        v.setNullsArray(nulls);
        return v;
    }

    @Override
    protected void growTo(int newCapacity) {
        values = Arrays.copyOf(values, newCapacity);
    }

    /** The backing array (length may exceed {@link #size()}). Read-only by contract once published. */
    public long[] values() {
        return values;
    }

    @Override
    public long getLong(int row) {
        return values[row];
    }

    /** Sets slot {@code row} (below capacity) to {@code value}. */
    public void setLong(int row, long value) {
        values[row] = value;
        markSet(row);
    }

    @Override
    public void appendLong(long value) {
        ensureCapacity(size + 1);
        values[size] = value;
        markSet(size);
    }

    @Override
    public Object getObject(int row) {
        return isNull(row) ? null : (Long) values[row];
    }

    @Override
    public void appendObject(Object value) {
        if (value == null) {
            appendNull();
        } else {
            appendLong((Long) value);
        }
    }

    @Override
    public void appendFrom(ColumnVector source, int row) {
        if (source.isNull(row)) {
            appendNull();
        } else {
            appendLong(((LongVector) source).values[row]);
        }
    }

    @Override
    public ColumnVector take(int[] rows, int count) {
        long[] out = new long[Math.max(count, 1)];
        for (int i = 0; i < count; i++) {
            out[i] = values[rows[i]];
        }
        boolean[] outNulls = gatherNulls(rows, count, out.length);
        return wrap(type, out, count, outNulls);
    }

    @Override
    public ColumnVector copyRange(int from, int to) {
        int count = to - from;
        long[] out = java.util.Arrays.copyOfRange(values, from, from + Math.max(count, 1));
        return wrap(type, out, count, rangeNulls(from, to, out.length));
    }

    @Override
    protected int nonNullHash(int row) {
        return Long.hashCode(values[row]);
    }

    @Override
    protected boolean nonNullEquals(int row, ColumnVector other, int otherRow) {
        return Long.compare(values[row], ((LongVector) other).values[otherRow]) == 0;
    }
}
