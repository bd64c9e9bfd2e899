package dev.sluice.expr.scalar;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.DoubleVector;
import dev.sluice.batch.FloatVector;
import dev.sluice.batch.IntVector;
import dev.sluice.batch.LongVector;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.LongType;
import dev.sluice.sql.types.TimestampType;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntUnaryOperator;
import java.util.function.LongUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * A numeric function of its first argument whose result has the storage of its input ({@code abs},
 * {@code round}, {@code ceil} of integers): the builder casts the input to the result type (or to any decimal
 * for decimal results) and supplies the operation for that storage, so the loop runs on primitive arrays.
 * Further arguments (a constant scale) only appear in the column name. Null in, null out.
 * Immutable and thread-safe.
 */
public final class NumericUnaryFunction extends ScalarFunction {
    /** The per-storage operations; only the one matching the result type is used. */
    public record Operations(IntUnaryOperator ints, LongUnaryOperator longs, DoubleUnaryOperator doubles,
            UnaryOperator<BigDecimal> decimals) {
    }

    private final Operations operations;
    private final boolean alwaysNullable;

    /** A function whose result is null only for a null input ({@code abs}). */
    public NumericUnaryFunction(String name, List<Expression> arguments, DataType resultType, Operations operations) {
        this(name, arguments, resultType, operations, false);
    }

    /**
     * @param alwaysNullable true when Spark's expression declares its result nullable whatever the input
     *     ({@code round}'s {@code RoundBase}, {@code ceil}/{@code floor}'s {@code UnaryMathExpression})
     */
    public NumericUnaryFunction(String name, List<Expression> arguments, DataType resultType, Operations operations,
            boolean alwaysNullable) {
        super(name, arguments, resultType);
        this.operations = operations;
        this.alwaysNullable = alwaysNullable;
    }

    @Override
    public Expression withNewChildren(List<Expression> newChildren) {
        return new NumericUnaryFunction(name(), newChildren, dataType(), operations, alwaysNullable);
    }

    @Override
    public boolean nullable() {
        return alwaysNullable || children().get(0).nullable();
    }

    @Override
    public ColumnVector eval(Chunk input) {
        ColumnVector values = children().get(0).eval(input);
        int rows = input.rowCount();
        boolean[] nulls = values.nullsArray() == null ? null : values.nullsArray().clone();
        DataType type = dataType();
        if (type instanceof DecimalType) {
            ColumnVector out = ColumnVector.allocate(type, rows);
            for (int row = 0; row < rows; row++) {
                out.appendObject(values.isNull(row) ? null : operations.decimals().apply(values.getDecimal(row)));
            }
            return out;
        }
        if (type instanceof DoubleType || type instanceof FloatType) {
            boolean single = type instanceof FloatType;
            double[] doubles = single ? null : new double[Math.max(rows, 1)];
            float[] floats = single ? new float[Math.max(rows, 1)] : null;
            for (int row = 0; row < rows; row++) {
                if (!values.isNull(row)) {
                    if (single) {
                        floats[row] = (float) operations.doubles().applyAsDouble(values.getFloat(row));
                    } else {
                        doubles[row] = operations.doubles().applyAsDouble(values.getDouble(row));
                    }
                }
            }
            return single ? FloatVector.wrap(floats, rows, nulls) : DoubleVector.wrap(doubles, rows, nulls);
        }
        if (dev.sluice.batch.ColumnVector.isLongBacked(type)) {
            long[] out = new long[Math.max(rows, 1)];
            for (int row = 0; row < rows; row++) {
                if (!values.isNull(row)) {
                    out[row] = operations.longs().applyAsLong(values.getLong(row));
                }
            }
            return LongVector.wrap(type, out, rows, nulls);
        }
        int[] out = new int[Math.max(rows, 1)];
        for (int row = 0; row < rows; row++) {
            if (!values.isNull(row)) {
                out[row] = operations.ints().applyAsInt(values.getInt(row));
            }
        }
        return IntVector.wrap(type, out, rows, nulls);
    }
}
