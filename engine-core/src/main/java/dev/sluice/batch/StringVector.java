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
    public int hash(int row) {
        return isNull(row) ? 0 : values[row].hashCode();
    }

    @Override
    public boolean valueEquals(int row, ColumnVector other, int otherRow) {
        boolean leftNull = isNull(row);
        boolean rightNull = other.isNull(otherRow);
        if (leftNull || rightNull) {
            return leftNull && rightNull;
        }
        return values[row].equals(((StringVector) other).values[otherRow]);
    }
}
