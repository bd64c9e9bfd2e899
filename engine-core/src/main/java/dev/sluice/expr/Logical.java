package dev.sluice.expr;

import dev.sluice.batch.BooleanVector;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;

/**
 * {@code AND} / {@code OR} with SQL three-valued logic: {@code false AND NULL} is false,
 * {@code true OR NULL} is true, otherwise NULL wins.
 */
public final class Logical extends BinaryExpression {
    private final boolean isAnd;

    public Logical(boolean isAnd, Expression left, Expression right) {
        super(left, right);
        this.isAnd = isAnd;
    }

    public boolean isAnd() {
        return isAnd;
    }

    @Override
    protected Expression withNewChildren(Expression newLeft, Expression newRight) {
        return new Logical(isAnd, newLeft, newRight);
    }

    @Override
    public DataType dataType() {
        return DataTypes.BooleanType;
    }

    @Override
    public String sql() {
        return "(" + left.sql() + (isAnd ? " AND " : " OR ") + right.sql() + ")";
    }

    @Override
    public ColumnVector eval(Chunk input) {
        ColumnVector l = left.eval(input);
        ColumnVector r = right.eval(input);
        int n = input.rowCount();
        boolean[] a = ((BooleanVector) l).values();
        boolean[] b = ((BooleanVector) r).values();
        boolean[] out = new boolean[Math.max(n, 1)];
        boolean[] nulls = null;
        boolean dominant = !isAnd; // false decides an AND, true decides an OR
        for (int i = 0; i < n; i++) {
            boolean ln = l.isNull(i);
            boolean rn = r.isNull(i);
            if (!ln && !rn) {
                out[i] = isAnd ? a[i] && b[i] : a[i] || b[i];
            } else if ((!ln && a[i] == dominant) || (!rn && b[i] == dominant)) {
                out[i] = dominant;
            } else {
                if (nulls == null) {
                    nulls = new boolean[out.length];
                }
                nulls[i] = true;
            }
        }
        return BooleanVector.wrap(out, n, nulls);
    }
}
