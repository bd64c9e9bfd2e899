package dev.sluice.expr.lambda;

import dev.sluice.batch.ArrayVector;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.Expression;
import dev.sluice.expr.ValueOrdering;
import dev.sluice.sql.SluiceException;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.NullType;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * {@code array_sort(array)} and {@code array_sort(array, (left, right) -> int)}: the elements sorted with Java's
 * stable merge sort, as Spark sorts them, so the comparator is asked about the same pairs. Without a comparator:
 * ascending, NaN greatest, nulls last (Spark's default comparator, evaluated natively here). With one, a null
 * comparison result fails with {@code COMPARATOR_RETURNS_NULL}. Vectorized: for arrays of up to {@value #MATRIX_MAX}
 * elements the comparator is evaluated once per chunk over every ordered pair of elements of every row, and the
 * sort reads those results; longer arrays, and chunks where that pass fails (an error on a pair the sort never
 * compares), call it per comparison. Immutable.
 */
public final class ArraySort extends HigherOrderFunction {
    static final int MATRIX_MAX = 64;
    /** Spark's text of its default comparator, as it appears in generated column names. */
    private static final String DEFAULT_SQL = "lambdafunction((IF(((namedlambdavariable() IS NULL) AND"
            + " (namedlambdavariable() IS NULL)), 0, (IF((namedlambdavariable() IS NULL), 1, (IF((namedlambdavariable()"
            + " IS NULL), -1, (IF((namedlambdavariable() < namedlambdavariable()), -1, (IF((namedlambdavariable() >"
            + " namedlambdavariable()), 1, 0)))))))))), namedlambdavariable(), namedlambdavariable())";

    private final boolean natural;

    /** {@code comparator == null}: Spark's default order. */
    public ArraySort(Expression argument, LambdaFunction comparator) {
        super("array_sort", List.of(argument), comparator == null ? List.of() : List.of(comparator));
        this.natural = comparator == null;
    }

    @Override
    protected HigherOrderFunction copy(List<Expression> newArguments, List<LambdaFunction> newFunctions) {
        return new ArraySort(newArguments.get(0), newFunctions.isEmpty() ? null : newFunctions.get(0));
    }

    @Override
    public DataType dataType() {
        return argument(0).dataType();
    }

    @Override
    public String sql() {
        return natural ? "array_sort(" + argument(0).sql() + ", " + DEFAULT_SQL + ")" : super.sql();
    }

    @Override
    public ColumnVector eval(Chunk input) {
        int rows = input.rowCount();
        ArrayInput in = arrayInput(input);
        Flat flat = in.flat();
        ColumnVector elements = in.elements();
        DataType elementType = ((ArrayType) dataType()).elementType();
        Integer[][] orders = new Integer[rows][];
        ColumnVector pairs = natural || elementType instanceof NullType ? null : pairResults(input, flat, elements);
        int pairBase = 0;
        for (int row = 0; row < rows; row++) {
            int from = flat.offsets()[row];
            int n = flat.offsets()[row + 1] - from;
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = from + i;
            }
            if (!(elementType instanceof NullType)) {
                Arrays.sort(order, comparator(input, row, from, n, elements, elementType,
                        pairs != null && n <= MATRIX_MAX ? pairs : null, pairBase));
            }
            if (n <= MATRIX_MAX) {
                pairBase += n * (n - 1);
            }
            orders[row] = order;
        }
        int[] taken = new int[flat.count()];
        int next = 0;
        for (Integer[] order : orders) {
            for (Integer index : order) {
                taken[next++] = index;
            }
        }
        return ArrayVector.wrap((ArrayType) dataType(), rows, flat.offsets(), rowNulls(in.arrays(), rows),
                elements.take(taken, next));
    }

    /**
     * The comparator's result for every ordered pair {@code (i, j)}, {@code i != j}, of every row of at most
     * {@link #MATRIX_MAX} elements, row after row; null when that evaluation fails.
     */
    private ColumnVector pairResults(Chunk input, Flat flat, ColumnVector elements) {
        int count = 0;
        for (int row = 0; row < input.rowCount(); row++) {
            int n = flat.offsets()[row + 1] - flat.offsets()[row];
            count += n <= MATRIX_MAX ? n * (n - 1) : 0;
        }
        int[] parents = new int[count];
        int[] lefts = new int[count];
        int[] rights = new int[count];
        int next = 0;
        for (int row = 0; row < input.rowCount(); row++) {
            int from = flat.offsets()[row];
            int n = flat.offsets()[row + 1] - from;
            if (n > MATRIX_MAX) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i != j) {
                        parents[next] = row;
                        lefts[next] = from + i;
                        rights[next++] = from + j;
                    }
                }
            }
        }
        try {
            return evaluator(0).evaluate(input, parents, count, elements.take(lefts, count),
                    elements.take(rights, count));
        } catch (RuntimeException failure) {
            return null;
        }
    }

    private Comparator<Integer> comparator(Chunk input, int row, int from, int n, ColumnVector elements,
            DataType elementType, ColumnVector pairs, int pairBase) {
        if (natural) {
            return (a, b) -> {
                boolean aNull = elements.isNull(a);
                boolean bNull = elements.isNull(b);
                if (aNull || bNull) {
                    return aNull && bNull ? 0 : aNull ? 1 : -1;
                }
                return Integer.signum(ValueOrdering.compareObjects(elements.getObject(a), elements.getObject(b),
                        elementType));
            };
        }
        return (a, b) -> {
            ColumnVector result;
            int slot;
            if (pairs != null && !a.equals(b)) {
                int i = a - from;
                int j = b - from;
                result = pairs;
                slot = pairBase + i * (n - 1) + (j < i ? j : j - 1);
            } else {
                result = evaluator(0).evaluate(input, new int[] {row}, 1, elements.copyRange(a, a + 1),
                        elements.copyRange(b, b + 1));
                slot = 0;
            }
            if (result.isNull(slot)) {
                // Spark names the first value twice
                String first = String.valueOf(elements.getObject(a));
                throw new SluiceException("COMPARATOR_RETURNS_NULL", "The comparator has returned a NULL for a"
                        + " comparison between " + first + " and " + first + ".\nIt should return a positive integer"
                        + " for \"greater than\", 0 for \"equal\" and a negative integer for \"less than\".\nTo revert"
                        + " to deprecated behavior where NULL is treated as 0 (equal), you must set"
                        + " \"spark.sql.legacy.allowNullComparisonResultInArraySort\" to \"true\".", "22004", null);
            }
            return result.getInt(slot);
        };
    }
}
