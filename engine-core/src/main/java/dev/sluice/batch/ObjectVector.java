package dev.sluice.batch;

import dev.sluice.sql.types.DataType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Objects;

/**
 * A vector of reference values: strings, decimals ({@link BigDecimal} at the type's scale), binary
 * ({@code byte[]}, compared by content) and intervals. See {@link ColumnVector} for the contract.
 */
public class ObjectVector extends ColumnVector {
    protected Object[] values;

    public ObjectVector(DataType type, int capacity) {
        super(type, capacity);
        this.values = new Object[this.capacity];
    }

    @Override
    protected void growTo(int newCapacity) {
        values = Arrays.copyOf(values, newCapacity);
    }

    @Override
    public String getString(int row) {
        return (String) values[row];
    }

    @Override
    public BigDecimal getDecimal(int row) {
        return (BigDecimal) values[row];
    }

    @Override
    public byte[] getBinary(int row) {
        return (byte[]) values[row];
    }

    /** Sets slot {@code row} (below capacity); a null value marks the slot null. */
    public void set(int row, Object value) {
        if (value == null) {
            setNull(row);
        } else {
            values[row] = value;
            markSet(row);
        }
    }

    @Override
    public Object getObject(int row) {
        return isNull(row) ? null : values[row];
    }

    @Override
    public void appendObject(Object value) {
        ensureCapacity(size + 1);
        set(size, value);
    }

    @Override
    public void appendString(String value) {
        appendObject(value);
    }

    @Override
    public void appendFrom(ColumnVector source, int row) {
        appendObject(source.isNull(row) ? null : ((ObjectVector) source).values[row]);
    }

    /** A bulk gather (one array pass) instead of the per-row {@link #appendFrom}; null slots hold null, as there. */
    @Override
    public ColumnVector take(int[] rows, int count) {
        ObjectVector out = (ObjectVector) allocate(type, count);
        Object[] target = out.values;
        if (nulls == null) {
            for (int i = 0; i < count; i++) {
                target[i] = values[rows[i]];
            }
        } else {
            for (int i = 0; i < count; i++) {
                int row = rows[i];
                target[i] = nulls[row] ? null : values[row];
            }
        }
        out.setSize(count);
        out.setNullsArray(gatherNulls(rows, count, target.length));
        return out;
    }

    @Override
    public ColumnVector copyRange(int from, int to) {
        int count = to - from;
        ObjectVector out = (ObjectVector) allocate(type, count);
        System.arraycopy(values, from, out.values, 0, count);
        boolean[] outNulls = rangeNulls(from, to, out.values.length);
        if (outNulls != null) {
            for (int i = 0; i < count; i++) {
                if (outNulls[i]) {
                    out.values[i] = null;
                }
            }
        }
        out.setSize(count);
        out.setNullsArray(outNulls);
        return out;
    }

    @Override
    protected int nonNullHash(int row) {
        Object v = values[row];
        return v instanceof byte[] bytes ? Arrays.hashCode(bytes) : v.hashCode();
    }

    @Override
    protected boolean nonNullEquals(int row, ColumnVector other, int otherRow) {
        Object a = values[row];
        Object b = ((ObjectVector) other).values[otherRow];
        if (a instanceof byte[] x) {
            return Arrays.equals(x, (byte[]) b);
        }
        if (a instanceof BigDecimal x) {
            return x.compareTo((BigDecimal) b) == 0;
        }
        return Objects.equals(a, b);
    }
}
