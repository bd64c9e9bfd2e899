package dev.sluice.expr;

import dev.sluice.batch.BooleanVector;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;

/** {@code x IS NULL} or, negated, {@code x IS NOT NULL}. Never null. */
public final class IsNull extends UnaryExpression {
    private final boolean negated;

    public IsNull(Expression child, boolean negated) {
        super(child);
        this.negated = negated;
    }

    @Override
    protected Expression withNewChild(Expression newChild) {
        return new IsNull(newChild, negated);
    }

    /** True for {@code IS NOT NULL}. */
    public boolean negated() {
        return negated;
    }

    @Override
    public DataType dataType() {
        return DataTypes.BooleanType;
    }

    @Override
    public boolean nullable() {
        return false;
    }

    @Override
    public String sql() {
        return "(" + child.sql() + (negated ? " IS NOT NULL)" : " IS NULL)");
    }

    @Override
    public ColumnVector eval(Chunk input) {
        ColumnVector c = child.eval(input);
        int n = input.rowCount();
        boolean[] out = new boolean[Math.max(n, 1)];
        for (int i = 0; i < n; i++) {
            out[i] = c.isNull(i) != negated;
        }
        return BooleanVector.wrap(out, n, null);
    }
}
