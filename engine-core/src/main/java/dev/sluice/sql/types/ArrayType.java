package dev.sluice.sql.types;

import java.util.Objects;

/** An ordered list of elements of one type; {@code containsNull} says whether elements may be null. */
public final class ArrayType extends DataType {
    private final DataType elementType;
    private final boolean containsNull;

    public ArrayType(DataType elementType, boolean containsNull) {
        this.elementType = Objects.requireNonNull(elementType, "elementType is null");
        this.containsNull = containsNull;
    }

    public DataType elementType() {
        return elementType;
    }

    public boolean containsNull() {
        return containsNull;
    }

    @Override
    public String typeName() {
        return "array";
    }

    @Override
    public String simpleString() {
        return "array<" + elementType.simpleString() + ">";
    }

    @Override
    public String sql() {
        return "ARRAY<" + elementType.sql() + ">";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArrayType a && a.containsNull == containsNull && a.elementType.equals(elementType);
    }

    @Override
    public int hashCode() {
        return elementType.hashCode() * 2 + (containsNull ? 1 : 0);
    }

    @Override
    public String toString() {
        return "ArrayType(" + elementType + "," + containsNull + ")";
    }
}
