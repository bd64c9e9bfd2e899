package dev.sluice.expr;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.types.DataType;

/** {@code child[key]} or {@code child.field} before analysis: struct field, array item or map value. */
public final class UnresolvedExtractValue extends BinaryExpression {
    public UnresolvedExtractValue(Expression child, Expression key) {
        super(child, key);
    }

    @Override
    protected Expression withNewChildren(Expression newLeft, Expression newRight) {
        return new UnresolvedExtractValue(newLeft, newRight);
    }

    @Override
    public boolean resolved() {
        return false;
    }

    @Override
    public DataType dataType() {
        throw Unresolved.notResolved(this);
    }

    @Override
    public ColumnVector eval(Chunk input) {
        throw Unresolved.notResolved(this);
    }

    @Override
    public String sql() {
        return left.sql() + "[" + right.sql() + "]";
    }
}
