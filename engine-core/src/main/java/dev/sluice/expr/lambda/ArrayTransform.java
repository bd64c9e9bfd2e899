package dev.sluice.expr.lambda;

import dev.sluice.batch.ArrayVector;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataType;
import java.util.List;

/**
 * {@code transform(array, x -> ...)} and {@code transform(array, (x, i) -> ...)}: the lambda applied to every
 * element (and its 0-based index). The result has the lambda's type; its elements may be null when the lambda's
 * result may be. Immutable.
 */
public final class ArrayTransform extends HigherOrderFunction {
    public ArrayTransform(Expression argument, LambdaFunction function) {
        super("transform", List.of(argument), List.of(function));
    }

    @Override
    protected HigherOrderFunction copy(List<Expression> newArguments, List<LambdaFunction> newFunctions) {
        return new ArrayTransform(newArguments.get(0), newFunctions.get(0));
    }

    @Override
    public DataType dataType() {
        return new ArrayType(function(0).dataType(), function(0).nullable());
    }

    @Override
    public ColumnVector eval(Chunk input) {
        int rows = input.rowCount();
        ArrayInput in = arrayInput(input);
        ArrayVector arrays = in.arrays();
        Flat flat = in.flat();
        ColumnVector elements = in.elements();
        ColumnVector result = evaluateOnElements(input, flat, elements);
        return ArrayVector.wrap((ArrayType) dataType(), rows, flat.offsets(), rowNulls(arrays, rows), result);
    }
}
