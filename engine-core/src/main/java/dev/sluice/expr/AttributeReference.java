package dev.sluice.expr;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.Metadata;
import dev.sluice.sql.types.StructField;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A resolved reference to a column produced by a plan node, identified by a unique {@code exprId} (so two
 * columns both named {@code id} in a join stay distinct). Bound to an ordinal before execution.
 */
public final class AttributeReference extends LeafExpression implements NamedExpression {
    private static final AtomicLong NEXT_ID = new AtomicLong();

    private final String name;
    private final DataType dataType;
    private final boolean nullable;
    private final long exprId;
    private final List<String> qualifier;
    private final Metadata metadata;

    public AttributeReference(String name, DataType dataType, boolean nullable, long exprId, List<String> qualifier) {
        this(name, dataType, nullable, exprId, qualifier, Metadata.empty());
    }

    /** As above, with the column's metadata (Spark's {@code AttributeReference.metadata}). */
    public AttributeReference(String name, DataType dataType, boolean nullable, long exprId, List<String> qualifier,
            Metadata metadata) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.dataType = Objects.requireNonNull(dataType, "dataType is null");
        this.nullable = nullable;
        this.exprId = exprId;
        this.qualifier = List.copyOf(qualifier);
        this.metadata = Objects.requireNonNull(metadata, "metadata is null");
    }

    /** A new attribute with a fresh id. */
    public static AttributeReference create(String name, DataType dataType, boolean nullable) {
        return new AttributeReference(name, dataType, nullable, newExprId(), List.of());
    }

    /** A new attribute with a fresh id for a schema field, keeping the field's metadata. */
    public static AttributeReference create(StructField field) {
        return new AttributeReference(field.name(), field.dataType(), field.nullable(), newExprId(), List.of(),
                field.metadata());
    }

    /** The column's metadata; passed on by every operator that passes the column through, as in Spark. */
    @Override
    public Metadata metadata() {
        return metadata;
    }

    /** The same column (same id) with other metadata. */
    public AttributeReference withMetadata(Metadata newMetadata) {
        return new AttributeReference(name, dataType, nullable, exprId, qualifier, newMetadata);
    }

    /** This column as a schema field. */
    public StructField toStructField() {
        return new StructField(name, dataType, nullable, metadata);
    }

    /** A fresh unique id. */
    public static long newExprId() {
        return NEXT_ID.incrementAndGet();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long exprId() {
        return exprId;
    }

    /** The relation alias(es) qualifying this column ({@code t} in {@code t.a}); may be empty. */
    public List<String> qualifier() {
        return qualifier;
    }

    @Override
    public AttributeReference toAttribute() {
        return this;
    }

    public AttributeReference withQualifier(List<String> newQualifier) {
        return new AttributeReference(name, dataType, nullable, exprId, newQualifier, metadata);
    }

    public AttributeReference withNullability(boolean newNullable) {
        return newNullable == nullable ? this : new AttributeReference(name, dataType, newNullable, exprId, qualifier, metadata);
    }

    public AttributeReference withName(String newName) {
        return new AttributeReference(newName, dataType, nullable, exprId, qualifier, metadata);
    }

    /** Same column name and type under a fresh id (self-joins, union outputs). */
    public AttributeReference newInstance() {
        return new AttributeReference(name, dataType, nullable, newExprId(), qualifier, metadata);
    }

    @Override
    public DataType dataType() {
        return dataType;
    }

    @Override
    public boolean nullable() {
        return nullable;
    }

    @Override
    public boolean resolved() {
        return true;
    }

    @Override
    public ColumnVector eval(Chunk input) {
        throw new IllegalStateException("attribute " + name + "#" + exprId + " was not bound to an input column");
    }

    @Override
    public String sql() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttributeReference a && a.exprId == exprId;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(exprId);
    }
}
