package dev.sluice.batch;

import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A vector of structs: one child vector per field, aligned row by row with this vector (a null struct
 * has null children). Internal value form: an unmodifiable {@code List} of field values.
 */
public final class StructVector extends ColumnVector {
    private final ColumnVector[] children;

    public StructVector(StructType type, int capacity) {
        super(type, capacity);
        children = new ColumnVector[type.length()];
        for (int i = 0; i < children.length; i++) {
            children[i] = allocate(type.apply(i).dataType(), capacity);
        }
    }

    private StructVector(StructType type, ColumnVector[] children, int size, boolean[] nulls) {
        super(type, size);
        this.children = children;
        this.size = size;
        setNullsArray(nulls);
    }

    /** A struct vector over existing, equally sized children; {@code nulls} may be null. */
    public static StructVector of(StructType type, ColumnVector[] children, int size, boolean[] nulls) {
        if (children.length != type.length()) {
            throw new IllegalArgumentException("struct " + type.simpleString() + " needs " + type.length()
                    + " children, got " + children.length);
        }
        return new StructVector(type, children.clone(), size, nulls);
    }

    public ColumnVector child(int index) {
        return children[index];
    }

    public int childCount() {
        return children.length;
    }

    @Override
    protected void growTo(int newCapacity) {
        for (ColumnVector child : children) {
            child.ensureCapacity(newCapacity);
        }
    }

    @Override
    protected void onAppendNull() {
        for (ColumnVector child : children) {
            child.appendNull();
        }
    }

    @Override
    public Object getObject(int row) {
        if (isNull(row)) {
            return null;
        }
        Object[] values = new Object[children.length];
        for (int i = 0; i < children.length; i++) {
            values[i] = children[i].getObject(row);
        }
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    @Override
    public void appendObject(Object value) {
        if (value == null) {
            appendNull();
            return;
        }
        List<?> fields = (List<?>) value;
        ensureCapacity(size + 1);
        for (int i = 0; i < children.length; i++) {
            children[i].appendObject(fields.get(i));
        }
        markSet(size);
    }

    /** Marks a row appended after the caller appended one value to every child. */
    public void appendRowFromChildren() {
        ensureCapacity(size + 1);
        markSet(size);
    }

    @Override
    public void appendFrom(ColumnVector source, int row) {
        if (source.isNull(row)) {
            appendNull();
            return;
        }
        StructVector s = (StructVector) source;
        ensureCapacity(size + 1);
        for (int i = 0; i < children.length; i++) {
            children[i].appendFrom(s.children[i], row);
        }
        markSet(size);
    }

    @Override
    public ColumnVector take(int[] rows, int count) {
        ColumnVector[] taken = new ColumnVector[children.length];
        for (int i = 0; i < children.length; i++) {
            taken[i] = children[i].take(rows, count);
        }
        boolean[] outNulls = gatherNulls(rows, count, Math.max(count, 1));
        return new StructVector((StructType) type, taken, count, outNulls);
    }

    @Override
    protected int nonNullHash(int row) {
        int h = 17;
        for (ColumnVector child : children) {
            h = h * 31 + child.hash(row);
        }
        return h;
    }

    @Override
    protected boolean nonNullEquals(int row, ColumnVector other, int otherRow) {
        StructVector o = (StructVector) other;
        for (int i = 0; i < children.length; i++) {
            if (!children[i].valueEquals(row, o.children[i], otherRow)) {
                return false;
            }
        }
        return true;
    }

    /** The children as a list (no copy). */
    public List<ColumnVector> children() {
        return new ArrayList<>(Arrays.asList(children));
    }
}
