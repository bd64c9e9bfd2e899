package dev.sluice.expr.lambda;

import dev.sluice.batch.ArrayVector;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataType;
import java.util.List;

/**
 * {@code filter(array, x -> ...)} and {@code filter(array, (x, i) -> ...)}: the elements for which the predicate is
 * true, in order; an element whose predicate is null is dropped, as in Spark. The result has the array's type.
 * Immutable.
 */
public final class ArrayFilter extends HigherOrderFunction {
    public ArrayFilter(Expression argument, LambdaFunction function) {
        super("filter", List.of(argument), List.of(function));
    }

    @Override
    protected HigherOrderFunction copy(List<Expression> newArguments, List<LambdaFunction> newFunctions) {
        return new ArrayFilter(newArguments.get(0), newFunctions.get(0));
    }

    @Override
    public DataType dataType() {
        return argument(0).dataType();
    }

    @Override
    public ColumnVector eval(Chunk input) {
        int rows = input.rowCount();
        ArrayVector arrays = (ArrayVector) argument(0).eval(input);
        Flat flat = flatten(arrays, rows);
        ColumnVector elements = slice(arrays.elements(), flat);
        ColumnVector keep = function(0).variables().size() == 2
                ? evaluator(0).evaluate(input, flat.parents(), flat.count(), elements, flat.positionVector())
                : evaluator(0).evaluate(input, flat.parents(), flat.count(), elements);
        int[] kept = new int[flat.count()];
        int[] offsets = new int[rows + 1];
        int count = 0;
        for (int row = 0; row < rows; row++) {
            for (int i = flat.offsets()[row]; i < flat.offsets()[row + 1]; i++) {
                if (isTrue(keep, i)) {
                    kept[count++] = i;
                }
            }
            offsets[row + 1] = count;
        }
        return ArrayVector.wrap((ArrayType) dataType(), rows, offsets, rowNulls(arrays, rows),
                elements.take(kept, count));
    }

    /** True when slot {@code i} of a predicate's result is a non-null true (a NULL-typed result never is). */
    static boolean isTrue(ColumnVector predicate, int i) {
        return !predicate.isNull(i) && predicate.type() instanceof dev.sluice.sql.types.BooleanType
                && predicate.getBoolean(i);
    }
}
