package dev.sluice.batch;

import dev.sluice.sql.types.DataTypes;

/** A vector of the NULL type: every slot is null. */
public final class NullVector extends ColumnVector {
    public NullVector(int capacity) {
        super(DataTypes.NullType, capacity);
    }

    @Override
    protected void growTo(int newCapacity) {
    }

    @Override
    public Object getObject(int row) {
        return null;
    }

    @Override
    public void appendObject(Object value) {
        appendNull();
    }

    @Override
    public void appendFrom(ColumnVector source, int row) {
        appendNull();
    }

    @Override
    protected int nonNullHash(int row) {
        throw new IllegalStateException("a NULL vector has no non-null slot");
    }

    @Override
    protected boolean nonNullEquals(int row, ColumnVector other, int otherRow) {
        throw new IllegalStateException("a NULL vector has no non-null slot");
    }
}
