package dev.sluice.expr.scalar;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.DoubleVector;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.DataTypes;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoublePredicate;

/**
 * A function of one or two doubles returning a double ({@code sqrt}, {@code exp}, {@code pow}, {@code log}),
 * over primitive arrays without boxing. Arguments must already be doubles (the builders cast them).
 * {@code nullWhen} marks inputs outside the domain whose result is NULL rather than NaN (Spark's
 * {@code log(0)}). Null in, null out. Immutable and thread-safe.
 */
public final class DoubleFunction extends ScalarFunction {
    private static final DoublePredicate NEVER = value -> false;

    private final DoubleBinaryOperator operation;
    private final DoublePredicate leftNullWhen;
    private final DoublePredicate rightNullWhen;

    /** A unary function; {@code nullWhen} may be null. */
    public static DoubleFunction unary(String name, Expression child, java.util.function.DoubleUnaryOperator operation,
            DoublePredicate nullWhen) {
        return new DoubleFunction(name, List.of(child), (x, unused) -> operation.applyAsDouble(x),
                nullWhen == null ? NEVER : nullWhen, NEVER);
    }

    /** A binary function; either predicate may be null. */
    public static DoubleFunction binary(String name, Expression left, Expression right, DoubleBinaryOperator operation,
            DoublePredicate leftNullWhen, DoublePredicate rightNullWhen) {
        return new DoubleFunction(name, List.of(left, right), operation, leftNullWhen == null ? NEVER : leftNullWhen,
                rightNullWhen == null ? NEVER : rightNullWhen);
    }

    private DoubleFunction(String name, List<Expression> arguments, DoubleBinaryOperator operation,
            DoublePredicate leftNullWhen, DoublePredicate rightNullWhen) {
        super(name, arguments, DataTypes.DoubleType);
        this.operation = operation;
        this.leftNullWhen = leftNullWhen;
        this.rightNullWhen = rightNullWhen;
    }

    @Override
    public Expression withNewChildren(List<Expression> newChildren) {
        return new DoubleFunction(name(), newChildren, operation, leftNullWhen, rightNullWhen);
    }

    /**
     * As Spark: a one-argument math function ({@code UnaryMathExpression}, {@code UnaryLogExpression}) and a
     * two-argument logarithm are always nullable; {@code pow} only when an argument is.
     */
    @Override
    public boolean nullable() {
        if (children().size() == 2 && leftNullWhen == NEVER && rightNullWhen == NEVER) {
            return children().get(0).nullable() || children().get(1).nullable();
        }
        return true;
    }

    @Override
    public ColumnVector eval(Chunk input) {
        ColumnVector left = children().get(0).eval(input);
        ColumnVector right = children().size() > 1 ? children().get(1).eval(input) : null;
        int rows = input.rowCount();
        double[] out = new double[Math.max(rows, 1)];
        boolean[] nulls = null;
        for (int row = 0; row < rows; row++) {
            boolean isNull = left.isNull(row) || (right != null && right.isNull(row));
            if (!isNull) {
                double x = left.getDouble(row);
                double y = right == null ? 0 : right.getDouble(row);
                if (leftNullWhen.test(x) || (right != null && rightNullWhen.test(y))) {
                    isNull = true;
                } else {
                    out[row] = operation.applyAsDouble(x, y);
                }
            }
            if (isNull) {
                if (nulls == null) {
                    nulls = new boolean[out.length];
                }
                nulls[row] = true;
            }
        }
        return DoubleVector.wrap(out, rows, nulls);
    }
}
