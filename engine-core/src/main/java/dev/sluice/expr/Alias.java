package dev.sluice.expr;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.Metadata;
import java.util.List;

/**
 * Names an expression's result: {@code expr AS name}. Defines a new column with its own id. Its metadata is, as in
 * Spark, the explicit metadata when given ({@code Column.as(alias, metadata)}), else the metadata of a named child
 * (an aliased column keeps its own) or of the struct field a {@link GetStructField} reads, else empty.
 */
public final class Alias extends UnaryExpression implements NamedExpression {
    private final String name;
    private final long exprId;
    private final Metadata explicitMetadata;

    public Alias(Expression child, String name) {
        this(child, name, AttributeReference.newExprId());
    }

    public Alias(Expression child, String name, long exprId) {
        this(child, name, exprId, null);
    }

    /** {@code explicitMetadata} null means inherited, as Spark's {@code explicitMetadata = None}. */
    public Alias(Expression child, String name, long exprId, Metadata explicitMetadata) {
        super(child);
        this.name = name;
        this.exprId = exprId;
        this.explicitMetadata = explicitMetadata;
    }

    /**
     * {@code e AS name}; an alias is renamed in place, keeping metadata given to it explicitly (Spark nests the
     * aliases, and the outer one inherits the inner one's metadata).
     */
    public static Alias rename(Expression e, String name) {
        return e instanceof Alias a ? new Alias(a.child, name, AttributeReference.newExprId(), a.explicitMetadata)
                : new Alias(e, name);
    }

    /** The metadata given with the alias, or null when it is inherited from the child. */
    public Metadata explicitMetadata() {
        return explicitMetadata;
    }

    @Override
    public Metadata metadata() {
        if (explicitMetadata != null) {
            return explicitMetadata;
        }
        if (child instanceof NamedExpression named) {
            return named.metadata();
        }
        if (child instanceof GetStructField field) {
            return field.fieldMetadata();
        }
        return Metadata.empty();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long exprId() {
        return exprId;
    }

    @Override
    public AttributeReference toAttribute() {
        return new AttributeReference(name, child.dataType(), child.nullable(), exprId, List.of(), metadata());
    }

    @Override
    protected Expression withNewChild(Expression newChild) {
        return new Alias(newChild, name, exprId, explicitMetadata);
    }

    @Override
    public DataType dataType() {
        return child.dataType();
    }

    @Override
    public ColumnVector eval(Chunk input) {
        return child.eval(input);
    }

    @Override
    public String sql() {
        return child.sql() + " AS " + name;
    }
}
