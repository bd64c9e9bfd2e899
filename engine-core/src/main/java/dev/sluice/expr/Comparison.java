package dev.sluice.expr;

import dev.sluice.batch.BooleanVector;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.DoubleVector;
import dev.sluice.batch.IntVector;
import dev.sluice.batch.LongVector;

/**
 * {@code = <=> != < <= > >=} over two operands of the same type (the analyzer casts them to their wider
 * type). Null-safe equality {@code <=>} never returns null; the others return null when either side is.
 */
public final class Comparison extends BinaryExpression {
    /** The comparison operator. */
    public enum Op {
        EQUAL("="), NULL_SAFE_EQUAL("<=>"), NOT_EQUAL("!="), LESS_THAN("<"), LESS_THAN_OR_EQUAL("<="),
        GREATER_THAN(">"), GREATER_THAN_OR_EQUAL(">=");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        boolean test(int cmp) {
            return switch (this) {
                case EQUAL, NULL_SAFE_EQUAL -> cmp == 0;
                case NOT_EQUAL -> cmp != 0;
                case LESS_THAN -> cmp < 0;
                case LESS_THAN_OR_EQUAL -> cmp <= 0;
                case GREATER_THAN -> cmp > 0;
                case GREATER_THAN_OR_EQUAL -> cmp >= 0;
            };
        }
    }

    private final Op op;

    public Comparison(Op op, Expression left, Expression right) {
        super(left, right);
        this.op = op;
    }

    public Op op() {
        return op;
    }

    @Override
    protected Expression withNewChildren(Expression newLeft, Expression newRight) {
        return new Comparison(op, newLeft, newRight);
    }

    @Override
    public dev.sluice.sql.types.DataType dataType() {
        return dev.sluice.sql.types.DataTypes.BooleanType;
    }

    @Override
    public boolean nullable() {
        return op != Op.NULL_SAFE_EQUAL && super.nullable();
    }

    @Override
    public String sql() {
        return "(" + left.sql() + " " + op.symbol + " " + right.sql() + ")";
    }

    @Override
    public ColumnVector eval(Chunk input) {
        ColumnVector l = left.eval(input);
        ColumnVector r = right.eval(input);
        int n = input.rowCount();
        boolean[] out = new boolean[Math.max(n, 1)];
        boolean[] nulls = op == Op.NULL_SAFE_EQUAL ? null : Arithmetic.mergeNulls(l, r, n);
        if (l instanceof LongVector ll && nulls == null && op != Op.NULL_SAFE_EQUAL) {
            long[] a = ll.values();
            long[] b = ((LongVector) r).values();
            for (int i = 0; i < n; i++) {
                out[i] = op.test(Long.compare(a[i], b[i]));
            }
        } else if (l instanceof IntVector il && nulls == null && op != Op.NULL_SAFE_EQUAL) {
            int[] a = il.values();
            int[] b = ((IntVector) r).values();
            for (int i = 0; i < n; i++) {
                out[i] = op.test(Integer.compare(a[i], b[i]));
            }
        } else if (l instanceof DoubleVector dl && nulls == null && op != Op.NULL_SAFE_EQUAL) {
            double[] a = dl.values();
            double[] b = ((DoubleVector) r).values();
            for (int i = 0; i < n; i++) {
                out[i] = op.test(ValueOrdering.compareDouble(a[i], b[i]));
            }
        } else {
            for (int i = 0; i < n; i++) {
                boolean ln = l.isNull(i);
                boolean rn = r.isNull(i);
                if (ln || rn) {
                    out[i] = op == Op.NULL_SAFE_EQUAL && ln && rn;
                } else {
                    out[i] = op.test(ValueOrdering.compare(l, i, r, i));
                }
            }
        }
        return BooleanVector.wrap(out, n, nulls);
    }
}
