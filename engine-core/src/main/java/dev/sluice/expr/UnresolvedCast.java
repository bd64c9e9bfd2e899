package dev.sluice.expr;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.types.DataType;

/** {@code CAST(child AS type)} before its child is resolved. */
public final class UnresolvedCast extends UnaryExpression {
    private final DataType targetType;
    private final boolean tryCast;

    public UnresolvedCast(Expression child, DataType targetType, boolean tryCast) {
        super(child);
        this.targetType = targetType;
        this.tryCast = tryCast;
    }

    public DataType targetType() {
        return targetType;
    }

    public boolean tryCast() {
        return tryCast;
    }

    @Override
    protected Expression withNewChild(Expression newChild) {
        return new UnresolvedCast(newChild, targetType, tryCast);
    }

    @Override
    public boolean resolved() {
        return false;
    }

    @Override
    public DataType dataType() {
        return targetType;
    }

    @Override
    public ColumnVector eval(Chunk input) {
        throw Unresolved.notResolved(this);
    }

    @Override
    public String sql() {
        return "CAST(" + child.sql() + " AS " + targetType.sql() + ")";
    }
}
