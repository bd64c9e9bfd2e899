package dev.sluice.sql.types;

import java.util.Objects;

/** One named field of a {@link StructType}, with its {@link Metadata} (empty unless given). Immutable. */
public final class StructField {
    private final String name;
    private final DataType dataType;
    private final boolean nullable;
    private final Metadata metadata;

    public StructField(String name, DataType dataType, boolean nullable) {
        this(name, dataType, nullable, Metadata.empty());
    }

    /** A field with metadata, as Spark's {@code StructField(name, dataType, nullable, metadata)}. */
    public StructField(String name, DataType dataType, boolean nullable, Metadata metadata) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.dataType = Objects.requireNonNull(dataType, "dataType is null");
        this.nullable = nullable;
        this.metadata = Objects.requireNonNull(metadata, "metadata is null");
    }

    public Metadata metadata() {
        return metadata;
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
        return new StructField(newName, dataType, nullable, metadata);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StructField f && f.nullable == nullable && f.name.equals(name) && f.dataType.equals(dataType)
                && f.metadata.equals(metadata);
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
