package dev.sluice.batch;

import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.BinaryType;
import dev.sluice.sql.types.BooleanType;
import dev.sluice.sql.types.ByteType;
import dev.sluice.sql.types.CalendarIntervalType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DateType;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.IntegerType;
import dev.sluice.sql.types.LongType;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.NullType;
import dev.sluice.sql.types.ShortType;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.StructType;
import dev.sluice.sql.types.TimestampType;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * One column of a {@link Chunk}: a typed vector of values plus a validity map.
 *
 * <p>Storage is per type: {@code int[]} for byte/short/int/date, {@code long[]} for long/timestamp
 * (microseconds UTC), {@code double[]}, {@code float[]}, {@code boolean[]}, {@code String[]},
 * {@code BigDecimal[]}, {@code byte[][]}, child vectors for struct, offsets plus a child vector for
 * array and map. Null slots are marked in a {@code boolean[]} that is only allocated once a null is
 * written, so the common no-null case costs nothing to check.
 *
 * <p>Lifecycle: a vector is filled once by a single thread (append or set), then only read; reads are
 * safe from many threads once it has been published. Typed getters on the wrong type throw
 * {@link UnsupportedOperationException}. The "internal" value form used by {@link #getObject} is:
 * Boolean, Integer (byte/short/int/date), Long (long/timestamp micros), Float, Double, String,
 * BigDecimal, byte[], {@code java.util.List} (struct fields or array elements), {@code java.util.Map}.
 */
public abstract class ColumnVector {
    private static final int MIN_CAPACITY = 16;

    protected final DataType type;
    protected int size;
    protected int capacity;
    protected boolean[] nulls;

    protected ColumnVector(DataType type, int capacity) {
        this.type = type;
        this.capacity = Math.max(capacity, 1);
    }

    /** A new empty vector for this type with room for {@code capacity} values before it grows. */
    public static ColumnVector allocate(DataType type, int capacity) {
        if (type instanceof IntegerType || type instanceof DateType || type instanceof ShortType
                || type instanceof ByteType || type instanceof dev.sluice.sql.types.YearMonthIntervalType) {
            return new IntVector(type, capacity);
        }
        if (isLongBacked(type)) {
            return new LongVector(type, capacity);
        }
        if (type instanceof DoubleType) {
            return new DoubleVector(capacity);
        }
        if (type instanceof StringType) {
            return new StringVector(capacity);
        }
        if (type instanceof BooleanType) {
            return new BooleanVector(capacity);
        }
        if (type instanceof FloatType) {
            return new FloatVector(capacity);
        }
        if (type instanceof DecimalType || type instanceof BinaryType || type instanceof CalendarIntervalType) {
            return new ObjectVector(type, capacity);
        }
        if (type instanceof StructType s) {
            return new StructVector(s, capacity);
        }
        if (type instanceof ArrayType a) {
            return new ArrayVector(a, capacity);
        }
        if (type instanceof MapType m) {
            return new MapVector(m, capacity);
        }
        if (type instanceof NullType) {
            return new NullVector(capacity);
        }
        throw new IllegalArgumentException("no vector for type " + type);
    }

    /**
     * Whether values of {@code type} are stored as {@code long}s in a {@link LongVector}: bigint, and the
     * microsecond types (timestamp, timestamp_ntz, day-time intervals).
     */
    public static boolean isLongBacked(DataType type) {
        return type instanceof LongType || type instanceof TimestampType
                || type instanceof dev.sluice.sql.types.TimestampNTZType
                || type instanceof dev.sluice.sql.types.DayTimeIntervalType;
    }

    /** A vector of {@code size} nulls. */
    public static ColumnVector nulls(DataType type, int size) {
        ColumnVector v = allocate(type, size);
        for (int i = 0; i < size; i++) {
            v.appendNull();
        }
        return v;
    }

    public final DataType type() {
        return type;
    }

    /**
     * An estimate of the heap this vector's values take, in bytes: fixed widths for numbers, booleans, dates
     * and timestamps, the lengths of a sample of at most 64 values for strings and binaries, children for
     * structs, arrays and maps. Meant for memory accounting of rows an operator holds, not for per-row use.
     */
    public final long estimatedBytes() {
        long bytes = 16 + (nulls == null ? 0 : nulls.length);
        if (this instanceof IntVector || this instanceof FloatVector) {
            return bytes + 4L * capacity;
        }
        if (this instanceof LongVector || this instanceof DoubleVector) {
            return bytes + 8L * capacity;
        }
        if (this instanceof BooleanVector) {
            return bytes + capacity;
        }
        if (this instanceof StructVector s) {
            for (int i = 0; i < s.childCount(); i++) {
                bytes += s.child(i).estimatedBytes();
            }
            return bytes;
        }
        if (this instanceof ArrayVector a) {
            return bytes + 4L * (capacity + 1) + a.elements().estimatedBytes();
        }
        if (this instanceof MapVector m) {
            return bytes + 4L * (capacity + 1) + m.keys().estimatedBytes() + m.values().estimatedBytes();
        }
        bytes += 8L * capacity; // references
        // variable-width values: measure at most 64 evenly spaced rows and extrapolate (an estimate for memory
        // accounting; reading every string of every held chunk would cost a pass over the data)
        int step = Math.max(1, size / 64);
        long sampled = 0;
        int samples = 0;
        for (int i = 0; i < size; i += step, samples++) {
            Object value = isNull(i) ? null : getObject(i);
            if (value instanceof String str) {
                sampled += 40 + str.length();
            } else if (value instanceof byte[] b) {
                sampled += 16 + b.length;
            } else if (value != null) {
                sampled += 48;
            }
        }
        return samples == 0 ? bytes : bytes + sampled * size / samples;
    }

    public final int size() {
        return size;
    }

    public final boolean isNull(int row) {
        return nulls != null && nulls[row];
    }

    /** False only when no slot has ever been set to null: lets loops skip the null checks. */
    public final boolean mayHaveNulls() {
        return nulls != null;
    }

    /** Number of null slots. */
    public final int nullCount() {
        if (nulls == null) {
            return 0;
        }
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (nulls[i]) {
                count++;
            }
        }
        return count;
    }

    /** Grows storage so that {@code minCapacity} slots fit. */
    public final void ensureCapacity(int minCapacity) {
        if (minCapacity > capacity) {
            int newCapacity = Math.max(Math.max(MIN_CAPACITY, capacity * 2), minCapacity);
            growTo(newCapacity);
            if (nulls != null) {
                nulls = Arrays.copyOf(nulls, newCapacity);
            }
            capacity = newCapacity;
        }
    }

    /** Resizes the type-specific storage arrays to {@code newCapacity}. */
    protected abstract void growTo(int newCapacity);

    /** Marks slot {@code row} null (the slot must be below capacity) and extends the size past it. */
    public void setNull(int row) {
        if (nulls == null) {
            nulls = new boolean[capacity];
        }
        nulls[row] = true;
        if (row >= size) {
            size = row + 1;
        }
    }

    /** Appends a null value. */
    public final void appendNull() {
        ensureCapacity(size + 1);
        setNull(size);
        onAppendNull();
    }

    /** Hook for vectors that must keep children aligned when a null is appended. */
    protected void onAppendNull() {
    }

    /** Called by setters: extends the size and clears a stale null flag. */
    protected final void markSet(int row) {
        if (nulls != null) {
            nulls[row] = false;
        }
        if (row >= size) {
            size = row + 1;
        }
    }

    /** Sets the size directly after a bulk fill of the storage arrays (slots beyond are discarded). */
    public final void setSize(int newSize) {
        ensureCapacity(newSize);
        this.size = newSize;
    }

    /** Direct access to the validity map, or null when no value is null. Read-only by contract. */
    public final boolean[] nullsArray() {
        return nulls;
    }

    /** Installs a validity map (at least {@code capacity} long) computed in bulk; null means no nulls. */
    public final void setNullsArray(boolean[] newNulls) {
        if (newNulls != null && newNulls.length < capacity) {
            newNulls = Arrays.copyOf(newNulls, capacity);
        }
        this.nulls = newNulls;
    }

    public boolean getBoolean(int row) {
        throw wrongType("boolean");
    }

    public int getInt(int row) {
        throw wrongType("int");
    }

    public long getLong(int row) {
        throw wrongType("long");
    }

    public float getFloat(int row) {
        throw wrongType("float");
    }

    public double getDouble(int row) {
        throw wrongType("double");
    }

    public String getString(int row) {
        throw wrongType("string");
    }

    public BigDecimal getDecimal(int row) {
        throw wrongType("decimal");
    }

    public byte[] getBinary(int row) {
        throw wrongType("binary");
    }

    public void appendBoolean(boolean value) {
        throw wrongType("boolean");
    }

    public void appendInt(int value) {
        throw wrongType("int");
    }

    public void appendLong(long value) {
        throw wrongType("long");
    }

    public void appendFloat(float value) {
        throw wrongType("float");
    }

    public void appendDouble(double value) {
        throw wrongType("double");
    }

    public void appendString(String value) {
        throw wrongType("string");
    }

    /** The value at {@code row} in internal form (see class doc), or null. Boxes: not for hot loops. */
    public abstract Object getObject(int row);

    /** Appends a value in internal form (see class doc); null appends a null. */
    public abstract void appendObject(Object value);

    /** Appends the value of {@code source} at {@code row}; {@code source} must have the same storage. */
    public abstract void appendFrom(ColumnVector source, int row);

    /** A new vector holding the values at {@code rows[0..count)} in that order (a gather, copying). */
    public ColumnVector take(int[] rows, int count) {
        ColumnVector out = allocate(type, count);
        for (int i = 0; i < count; i++) {
            out.appendFrom(this, rows[i]);
        }
        return out;
    }

    /**
     * A new vector holding rows {@code [from, to)}: a {@link #take} of the range, so every vector's bulk gather
     * serves it (the primitive vectors copy their arrays directly).
     */
    public ColumnVector copyRange(int from, int to) {
        int count = to - from;
        int[] rows = new int[count];
        for (int i = 0; i < count; i++) {
            rows[i] = from + i;
        }
        return take(rows, count);
    }

    /**
     * For a vector whose row {@code r} owns elements {@code [offsets[r], offsets[r + 1])} (arrays, maps): the element
     * positions of rows {@code rows[0..count)}, in order, with the gathered rows' offsets written to
     * {@code offsetsOut} ({@code count + 1} entries). A null row keeps no elements, as a per-row append makes it.
     */
    protected final int[] gatherElementRows(int[] offsets, int[] rows, int count, int[] offsetsOut) {
        int total = 0;
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            if (nulls == null || !nulls[row]) {
                total += offsets[row + 1] - offsets[row];
            }
            offsetsOut[i + 1] = total;
        }
        int[] elementRows = new int[total];
        int e = 0;
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            if (nulls == null || !nulls[row]) {
                for (int j = offsets[row]; j < offsets[row + 1]; j++) {
                    elementRows[e++] = j;
                }
            }
        }
        return elementRows;
    }

    /** The validity map of rows {@code [from, to)}, or null when none of them is null. */
    protected final boolean[] rangeNulls(int from, int to, int length) {
        if (nulls == null) {
            return null;
        }
        for (int i = from; i < to; i++) {
            if (nulls[i]) {
                boolean[] out = new boolean[length];
                System.arraycopy(nulls, from, out, 0, to - from);
                return out;
            }
        }
        return null;
    }

    /** Hash of the value at {@code row} consistent with value equality for the type (0 for null). */
    public final int hash(int row) {
        return isNull(row) ? 0 : nonNullHash(row);
    }

    /** True when both slots hold equal values (two nulls are equal here: grouping semantics). */
    public final boolean valueEquals(int row, ColumnVector other, int otherRow) {
        boolean leftNull = isNull(row);
        boolean rightNull = other.isNull(otherRow);
        if (leftNull || rightNull) {
            return leftNull && rightNull;
        }
        return nonNullEquals(row, other, otherRow);
    }

    /** {@link #hash} of a non-null slot. */
    protected abstract int nonNullHash(int row);

    /** {@link #valueEquals} of two non-null slots of vectors with the same storage. */
    protected abstract boolean nonNullEquals(int row, ColumnVector other, int otherRow);

    /** The validity map of a gather of {@code rows[0..count)}, or null when none of them is null. */
    protected final boolean[] gatherNulls(int[] rows, int count, int length) {
        if (nulls == null) {
            return null;
        }
        boolean[] out = null;
        for (int i = 0; i < count; i++) {
            if (nulls[rows[i]]) {
                if (out == null) {
                    out = new boolean[length];
                }
                out[i] = true;
            }
        }
        return out;
    }

    private UnsupportedOperationException wrongType(String requested) {
        return new UnsupportedOperationException(
                "cannot read a " + requested + " from a vector of type " + type.simpleString());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(type.simpleString()).append('[');
        for (int i = 0; i < Math.min(size, 10); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(getObject(i));
        }
        return sb.append(size > 10 ? ", ...]" : "]").toString();
    }
}
