package dev.sluice.sql.types;

import java.util.Objects;

/** One named field of a {@link StructType}. Immutable. */
public final class StructField {
    private final String name;
    private final DataType dataType;
    private final boolean nullable;

    public StructField(String name, DataType dataType, boolean nullable) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.dataType = Objects.requireNonNull(dataType, "dataType is null");
        this.nullable = nullable;
    }

    public String name() {
        return name;
    }

    public DataType dataType() {
        return dataType;
    }

    public boolean nullable() {
        return nullable;
    }

    /** A copy with another name. */
    public StructField withName(String newName) {
        return new StructField(newName, dataType, nullable);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StructField f && f.nullable == nullable && f.name.equals(name) && f.dataType.equals(dataType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dataType, nullable);
    }

    @Override
    public String toString() {
        return "StructField(" + name + "," + dataType + "," + nullable + ")";
    }
}
