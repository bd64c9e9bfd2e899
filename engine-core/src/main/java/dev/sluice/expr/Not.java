package dev.sluice.expr;

import dev.sluice.batch.BooleanVector;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;

/** {@code NOT x}; NULL stays NULL. */
public final class Not extends UnaryExpression {
    public Not(Expression child) {
        super(child);
    }

    @Override
    protected Expression withNewChild(Expression newChild) {
        return new Not(newChild);
    }

    @Override
    public DataType dataType() {
        return DataTypes.BooleanType;
    }

    @Override
    public String sql() {
        return "(NOT " + child.sql() + ")";
    }

    @Override
    public ColumnVector eval(Chunk input) {
        ColumnVector c = child.eval(input);
        int n = input.rowCount();
        boolean[] in = ((BooleanVector) c).values();
        boolean[] out = new boolean[Math.max(n, 1)];
        for (int i = 0; i < n; i++) {
            out[i] = !in[i];
        }
        boolean[] nulls = c.nullsArray();
        return BooleanVector.wrap(out, n, nulls == null ? null : nulls.clone());
    }
}
