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
    private static final int UNDECIDED = 0;
    private static final int SAW_NULL = 1;
    private static final int DECIDED = 2;

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
        ArrayInput in = arrayInput(input);
        ArrayVector arrays = in.arrays();
        Flat flat = in.flat();
        ColumnVector elements = in.elements();
        ColumnVector results;
        try {
            results = evaluateOnElements(input, flat, elements);
        } catch (RuntimeException failure) {
            results = null;
        }
        BooleanVector out = new BooleanVector(rows);
        for (int row = 0; row < rows; row++) {
            if (arrays.isNull(row)) {
                out.appendNull();
                continue;
            }
            int state = UNDECIDED;
            for (int i = flat.offsets()[row]; i < flat.offsets()[row + 1] && state != DECIDED; i++) {
                // Without the vectorized results, Spark's order: element by element, up to the deciding one.
                ColumnVector result = results != null ? results
                        : evaluator(0).evaluate(input, new int[] {row}, 1, elements.copyRange(i, i + 1));
                state = step(state, result, results != null ? i : 0);
            }
            if (state == DECIDED) {
                out.appendBoolean(!forall);
            } else if (state == SAW_NULL) {
                out.appendNull();
            } else {
                out.appendBoolean(forall);
            }
        }
        return out;
    }

    /** The state after one predicate result: a null is remembered, a deciding value ends the row. */
    private int step(int state, ColumnVector result, int i) {
        if (result.isNull(i) || !(result.type() instanceof dev.sluice.sql.types.BooleanType)) {
            return SAW_NULL;
        }
        return result.getBoolean(i) != forall ? DECIDED : state;
    }
}
