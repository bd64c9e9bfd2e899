package dev.sluice.expr.scalar;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.IntVector;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.DataType;
import java.util.List;
import java.util.function.IntBinaryOperator;

/**
 * A function of one or two int-backed values (int, date as days) returning an int-backed value: date
 * fields ({@code year}, {@code month}), {@code date_add}, {@code datediff}. Primitive loops, no boxing.
 * Null in, null out. Immutable and thread-safe.
 */
public final class IntFunction2 extends ScalarFunction {
    private final IntBinaryOperator operation;

    /** A unary function of an int-backed argument. */
    public static IntFunction2 unary(String name, Expression child, DataType resultType,
            java.util.function.IntUnaryOperator operation) {
        return new IntFunction2(name, List.of(child), resultType, (x, unused) -> operation.applyAsInt(x));
    }

    /** A binary function of two int-backed arguments. */
    public static IntFunction2 binary(String name, Expression left, Expression right, DataType resultType,
            IntBinaryOperator operation) {
        return new IntFunction2(name, List.of(left, right), resultType, operation);
    }

    private IntFunction2(String name, List<Expression> arguments, DataType resultType, IntBinaryOperator operation) {
        super(name, arguments, resultType);
        this.operation = operation;
    }

    @Override
    public Expression withNewChildren(List<Expression> newChildren) {
        return new IntFunction2(name(), newChildren, dataType(), operation);
    }

    /** Null only for a null argument, as Spark's date-field and date-arithmetic expressions. */
    @Override
    public boolean nullable() {
        return children().stream().anyMatch(Expression::nullable);
    }

    @Override
    public ColumnVector eval(Chunk input) {
        ColumnVector left = children().get(0).eval(input);
        ColumnVector right = children().size() > 1 ? children().get(1).eval(input) : null;
        int rows = input.rowCount();
        int[] out = new int[Math.max(rows, 1)];
        boolean[] nulls = null;
        for (int row = 0; row < rows; row++) {
            if (left.isNull(row) || (right != null && right.isNull(row))) {
                if (nulls == null) {
                    nulls = new boolean[out.length];
                }
                nulls[row] = true;
            } else {
                out[row] = operation.applyAsInt(left.getInt(row), right == null ? 0 : right.getInt(row));
            }
        }
        return IntVector.wrap(dataType(), out, rows, nulls);
    }
}
