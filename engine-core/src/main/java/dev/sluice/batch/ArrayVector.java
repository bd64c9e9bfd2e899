package dev.sluice.batch;

import dev.sluice.sql.types.ArrayType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A vector of arrays: {@code offsets[row]..offsets[row+1]} index the elements of row {@code row} in one
 * child vector. Internal value form: an unmodifiable {@code List} of element values.
 */
public final class ArrayVector extends ColumnVector {
    private int[] offsets;
    private final ColumnVector elements;

    public ArrayVector(ArrayType type, int capacity) {
        super(type, capacity);
        offsets = new int[this.capacity + 1];
        elements = allocate(type.elementType(), capacity);
    }

    private ArrayVector(ArrayType type, int rowCount, int[] offsets, boolean[] nulls, ColumnVector elements) {
        super(type, rowCount);
        if (offsets.length < this.capacity + 1) {
            offsets = Arrays.copyOf(offsets, this.capacity + 1);
        }
        this.offsets = offsets;
        this.elements = elements;
        this.size = rowCount;
        setNullsArray(nulls);
    }

    /**
     * An array vector over element storage computed in bulk (e.g. by a higher-order function): row {@code i}
     * holds {@code elements[offsets[i], offsets[i+1])}; {@code nulls} may be null when no row is null. The
     * arguments are taken over, not copied: the caller must not change them afterwards.
     */
    public static ArrayVector wrap(ArrayType type, int rowCount, int[] offsets, boolean[] nulls,
            ColumnVector elements) {
        return new ArrayVector(type, rowCount, offsets, nulls, elements);
    }

    public ColumnVector elements() {
        return elements;
    }

    /** Index in {@link #elements()} of the first element of {@code row}. */
    public int offset(int row) {
        return offsets[row];
    }

    /** Number of elements of {@code row} (0 for a null row). */
    public int length(int row) {
        return offsets[row + 1] - offsets[row];
    }

    @Override
    protected void growTo(int newCapacity) {
        offsets = Arrays.copyOf(offsets, newCapacity + 1);
    }

    @Override
    protected void onAppendNull() {
        offsets[size] = offsets[size - 1];
    }

    /** Closes the row whose elements the caller appended to {@link #elements()} since the last row. */
    public void endRow() {
        ensureCapacity(size + 1);
        offsets[size + 1] = elements.size();
        markSet(size);
    }

    @Override
    public Object getObject(int row) {
        if (isNull(row)) {
            return null;
        }
        int start = offsets[row];
        int end = offsets[row + 1];
        List<Object> values = new ArrayList<>(end - start);
        for (int i = start; i < end; i++) {
            values.add(elements.getObject(i));
        }
        return Collections.unmodifiableList(values);
    }

    @Override
    public void appendObject(Object value) {
        if (value == null) {
            appendNull();
            return;
        }
        for (Object element : (List<?>) value) {
            elements.appendObject(element);
        }
        endRow();
    }

    @Override
    public void appendFrom(ColumnVector source, int row) {
        if (source.isNull(row)) {
            appendNull();
            return;
        }
        ArrayVector a = (ArrayVector) source;
        for (int i = a.offsets[row]; i < a.offsets[row + 1]; i++) {
            elements.appendFrom(a.elements, i);
        }
        endRow();
    }

    /**
     * A bulk gather: the kept rows' element ranges are gathered with one {@code take} of the element vector(s)
     * (itself bulk), instead of appending element by element. Null rows keep no elements, as with {@link #appendFrom}.
     */
    @Override
    public ColumnVector take(int[] rows, int count) {
        boolean[] outNulls = gatherNulls(rows, count, Math.max(count, 1));
        int[] offsetsOut = new int[Math.max(count, 1) + 1];
        int[] elementRows = gatherElementRows(offsets, rows, count, offsetsOut);
        int total = elementRows.length;
        ColumnVector elementsOut = elements.take(elementRows, total);
        return new ArrayVector((ArrayType) type, count, offsetsOut, outNulls, elementsOut);
    }

    @Override
    protected int nonNullHash(int row) {
        int h = 19;
        for (int i = offsets[row]; i < offsets[row + 1]; i++) {
            h = h * 31 + elements.hash(i);
        }
        return h;
    }

    @Override
    protected boolean nonNullEquals(int row, ColumnVector other, int otherRow) {
        ArrayVector o = (ArrayVector) other;
        int length = length(row);
        if (length != o.length(otherRow)) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (!elements.valueEquals(offsets[row] + i, o.elements, o.offsets[otherRow] + i)) {
                return false;
            }
        }
        return true;
    }
}
