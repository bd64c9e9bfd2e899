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
    public int hash(int row) {
        return 0;
    }

    @Override
    public boolean valueEquals(int row, ColumnVector other, int otherRow) {
        return other.isNull(otherRow);
    }
}
