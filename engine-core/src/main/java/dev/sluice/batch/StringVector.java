package dev.sluice.batch;

import dev.sluice.sql.types.DataTypes;

/** A vector of strings. See {@link ColumnVector} for the lifecycle and threading contract. */
public final class StringVector extends ObjectVector {
    public StringVector(int capacity) {
        super(DataTypes.StringType, capacity);
    }

    @Override
    public String getString(int row) {
        return (String) values[row];
    }

    @Override
    protected int nonNullHash(int row) {
        return values[row].hashCode();
    }

    @Override
    protected boolean nonNullEquals(int row, ColumnVector other, int otherRow) {
        return values[row].equals(((StringVector) other).values[otherRow]);
    }
}
