package dev.sluice.expr;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.types.DataType;
import java.util.List;

/** Names an expression's result: {@code expr AS name}. Defines a new column with its own id. */
public final class Alias extends UnaryExpression implements NamedExpression {
    private final String name;
    private final long exprId;

    public Alias(Expression child, String name) {
        this(child, name, AttributeReference.newExprId());
    }

    public Alias(Expression child, String name, long exprId) {
        super(child);
        this.name = name;
        this.exprId = exprId;
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
        return new AttributeReference(name, child.dataType(), child.nullable(), exprId, List.of());
    }

    @Override
    protected Expression withNewChild(Expression newChild) {
        return new Alias(newChild, name, exprId);
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
