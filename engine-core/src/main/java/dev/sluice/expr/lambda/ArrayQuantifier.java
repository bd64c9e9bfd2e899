package dev.sluice.expr.lambda;

import dev.sluice.batch.ArrayVector;
import dev.sluice.batch.BooleanVector;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import java.util.List;

/**
 * {@code exists(array, x -> ...)} and {@code forall(array, x -> ...)} with Spark's three-valued logic:
 * {@code exists} is true when the predicate is true for some element, else null when it was null for some element
 * ({@code spark.sql.legacy.followThreeValuedLogicInArrayExists}, true by default and the only mode here), else
 * false; {@code forall} is false when it is false for some element, else null when it was null for some, else
 * true. Spark stops at the first deciding element; the predicate is evaluated here over all elements at once, and
 * only if that fails (an ANSI error in an element Spark might never reach) are the rows re-evaluated element by
 * element in Spark's order, so the same inputs fail or succeed as in Spark. Immutable.
 */
public final class ArrayQuantifier extends HigherOrderFunction {
    private final boolean forall;

    public ArrayQuantifier(boolean forall, Expression argument, LambdaFunction function) {
        super(forall ? "forall" : "exists", List.of(argument), List.of(function));
        this.forall = forall;
    }

    @Override
    protected HigherOrderFunction copy(List<Expression> newArguments, List<LambdaFunction> newFunctions) {
        return new ArrayQuantifier(forall, newArguments.get(0), newFunctions.get(0));
    }

    @Override
    public DataType dataType() {
        return DataTypes.BooleanType;
    }

    @Override
    public boolean nullable() {
        return super.nullable() || function(0).nullable();
    }

    @Override
    public ColumnVector eval(Chunk input) {
        int rows = input.rowCount();
        ArrayVector arrays = (ArrayVector) argument(0).eval(input);
        Flat flat = flatten(arrays, rows);
        ColumnVector elements = slice(arrays.elements(), flat);
        ColumnVector results;
        try {
            results = evaluator(0).evaluate(input, flat.parents(), flat.count(), elements);
        } catch (RuntimeException failure) {
            return elementByElement(input, arrays, flat, elements);
        }
        BooleanVector out = new BooleanVector(rows);
        for (int row = 0; row < rows; row++) {
            if (arrays.isNull(row)) {
                out.appendNull();
                continue;
            }
            boolean decided = false;
            boolean sawNull = false;
            for (int i = flat.offsets()[row]; i < flat.offsets()[row + 1] && !decided; i++) {
                if (results.isNull(i) || !(results.type() instanceof dev.sluice.sql.types.BooleanType)) {
                    sawNull = true;
                } else {
                    decided = results.getBoolean(i) != forall;
                }
            }
            append(out, decided, sawNull);
        }
        return out;
    }

    private void append(BooleanVector out, boolean decided, boolean sawNull) {
        if (decided) {
            out.appendBoolean(!forall);
        } else if (sawNull) {
            out.appendNull();
        } else {
            out.appendBoolean(forall);
        }
    }

    /** Spark's evaluation order: row by row, element by element, stopping at the deciding element. */
    private ColumnVector elementByElement(Chunk input, ArrayVector arrays, Flat flat, ColumnVector elements) {
        int rows = input.rowCount();
        BooleanVector out = new BooleanVector(rows);
        for (int row = 0; row < rows; row++) {
            if (arrays.isNull(row)) {
                out.appendNull();
                continue;
            }
            boolean decided = false;
            boolean sawNull = false;
            for (int i = flat.offsets()[row]; i < flat.offsets()[row + 1] && !decided; i++) {
                ColumnVector result = evaluator(0).evaluate(input, new int[] {row}, 1, elements.copyRange(i, i + 1));
                if (result.isNull(0) || !(result.type() instanceof dev.sluice.sql.types.BooleanType)) {
                    sawNull = true;
                } else {
                    decided = result.getBoolean(0) != forall;
                }
            }
            append(out, decided, sawNull);
        }
        return out;
    }
}
