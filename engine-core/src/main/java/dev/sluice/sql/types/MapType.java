package dev.sluice.sql.types;

import java.util.Objects;

/** A map from non-null keys to values; {@code valueContainsNull} says whether values may be null. */
public final class MapType extends DataType {
    private final DataType keyType;
    private final DataType valueType;
    private final boolean valueContainsNull;

    public MapType(DataType keyType, DataType valueType, boolean valueContainsNull) {
        this.keyType = Objects.requireNonNull(keyType, "keyType is null");
        this.valueType = Objects.requireNonNull(valueType, "valueType is null");
        this.valueContainsNull = valueContainsNull;
    }

    public DataType keyType() {
        return keyType;
    }

    public DataType valueType() {
        return valueType;
    }

    public boolean valueContainsNull() {
        return valueContainsNull;
    }

    @Override
    public String typeName() {
        return "map";
    }

    @Override
    public String simpleString() {
        return "map<" + keyType.simpleString() + "," + valueType.simpleString() + ">";
    }

    @Override
    public String sql() {
        return "MAP<" + keyType.sql() + ", " + valueType.sql() + ">";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MapType m && m.valueContainsNull == valueContainsNull
                && m.keyType.equals(keyType) && m.valueType.equals(valueType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyType, valueType, valueContainsNull);
    }

    @Override
    public String toString() {
        return "MapType(" + keyType + "," + valueType + "," + valueContainsNull + ")";
    }
}
