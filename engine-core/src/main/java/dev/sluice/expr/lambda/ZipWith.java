package dev.sluice.expr.lambda;

import dev.sluice.batch.ArrayVector;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataType;
import java.util.List;

/**
 * {@code zip_with(left, right, (x, y) -> ...)}: the lambda applied to the elements at the same position; the
 * shorter array is padded with nulls to the length of the longer. Null when either array is null. Immutable.
 */
public final class ZipWith extends HigherOrderFunction {
    public ZipWith(Expression left, Expression right, LambdaFunction function) {
        super("zip_with", List.of(left, right), List.of(function));
    }

    @Override
    protected HigherOrderFunction copy(List<Expression> newArguments, List<LambdaFunction> newFunctions) {
        return new ZipWith(newArguments.get(0), newArguments.get(1), newFunctions.get(0));
    }

    @Override
    public DataType dataType() {
        return new ArrayType(function(0).dataType(), function(0).nullable());
    }

    @Override
    public ColumnVector eval(Chunk input) {
        int rows = input.rowCount();
        ArrayVector left = (ArrayVector) argument(0).eval(input);
        ArrayVector right = (ArrayVector) argument(1).eval(input);
        int[] offsets = new int[rows + 1];
        boolean[] nulls = null;
        for (int row = 0; row < rows; row++) {
            boolean isNull = left.isNull(row) || right.isNull(row);
            if (isNull) {
                nulls = nulls == null ? new boolean[Math.max(rows, 1)] : nulls;
                nulls[row] = true;
            }
            offsets[row + 1] = offsets[row] + (isNull ? 0 : Math.max(left.length(row), right.length(row)));
        }
        int count = offsets[rows];
        int[] parents = new int[count];
        int[] leftIndexes = new int[count];
        int[] rightIndexes = new int[count];
        for (int row = 0; row < rows; row++) {
            for (int i = offsets[row]; i < offsets[row + 1]; i++) {
                int position = i - offsets[row];
                parents[i] = row;
                leftIndexes[i] = position < left.length(row) ? left.offset(row) + position : -1;
                rightIndexes[i] = position < right.length(row) ? right.offset(row) + position : -1;
            }
        }
        List<LambdaVariable> variables = function(0).variables();
        ColumnVector x = gatherOrNull(left.elements(), variables.get(0).dataType(), leftIndexes, count);
        ColumnVector y = gatherOrNull(right.elements(), variables.get(1).dataType(), rightIndexes, count);
        ColumnVector result = evaluator(0).evaluate(input, parents, count, x, y);
        return ArrayVector.wrap((ArrayType) dataType(), rows, offsets, nulls, result);
    }
}
