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
        ArrayInput in = arrayInput(input);
        ArrayVector arrays = in.arrays();
        Flat flat = in.flat();
        ColumnVector elements = in.elements();
        ColumnVector keep = evaluateOnElements(input, flat, elements);
        int[] kept = new int[flat.count()];
        int[] offsets = new int[rows + 1];
        int count = keepTrue(keep, flat, rows, kept, offsets);
        return ArrayVector.wrap((ArrayType) dataType(), rows, offsets, rowNulls(arrays, rows),
                elements.take(kept, count));
    }
}
