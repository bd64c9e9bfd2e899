package dev.sluice.expr.lambda;

import dev.sluice.batch.ArrayVector;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code aggregate(array, zero, (acc, x) -> ..., acc -> ...)} (also named {@code reduce}): folds the elements
 * into the accumulator, starting from {@code zero} (evaluated per row), then applies the finish function (the
 * identity when none is given). Null for a null array. The fold is sequential per row, so it is vectorized across
 * rows instead: step {@code k} applies the merge function once to the {@code k}-th element of every row that has
 * one. Rows are ordered by length, longest first, so the rows still folding at step {@code k} are a prefix and a
 * row's final accumulator is set aside when it runs out of elements. Immutable.
 */
public final class ArrayAggregate extends HigherOrderFunction {
    public ArrayAggregate(String name, Expression argument, Expression zero, LambdaFunction merge,
            LambdaFunction finish) {
        super(name, List.of(argument, zero), List.of(merge, finish));
    }

    @Override
    protected HigherOrderFunction copy(List<Expression> newArguments, List<LambdaFunction> newFunctions) {
        return new ArrayAggregate(prettyName(), newArguments.get(0), newArguments.get(1), newFunctions.get(0),
                newFunctions.get(1));
    }

    @Override
    public DataType dataType() {
        return function(1).dataType();
    }

    @Override
    public boolean nullable() {
        return argument(0).nullable() || function(1).nullable();
    }

    @Override
    public ColumnVector eval(Chunk input) {
        int rows = input.rowCount();
        ArrayInput in = arrayInput(input);
        ArrayVector arrays = in.arrays();
        ColumnVector zeros = argument(1).eval(input);
        Flat flat = in.flat();
        ColumnVector elements = in.elements();
        int[] present = presentRows(arrays, rows);
        Integer[] byLength = new Integer[present.length];
        for (int i = 0; i < present.length; i++) {
            byLength[i] = i;
        }
        Arrays.sort(byLength, (a, b) -> Integer.compare(length(flat, present[b]), length(flat, present[a])));
        int[] order = new int[present.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = present[byLength[i]];
        }
        // finals[j] / finalSlots[j]: where the final accumulator of present row j is
        ColumnVector[] finals = new ColumnVector[present.length];
        int[] finalSlots = new int[present.length];
        int[] presentIndex = new int[rows];
        for (int j = 0; j < present.length; j++) {
            presentIndex[present[j]] = j;
        }
        ColumnVector accumulators = zeros.take(order, order.length);
        int active = order.length;
        for (int step = 0; active > 0; step++) {
            int stillActive = 0;
            while (stillActive < active && length(flat, order[stillActive]) > step) {
                stillActive++;
            }
            for (int j = stillActive; j < active; j++) {
                finals[presentIndex[order[j]]] = accumulators;
                finalSlots[presentIndex[order[j]]] = j;
            }
            active = stillActive;
            if (active == 0) {
                break;
            }
            int[] elementIndexes = new int[active];
            for (int j = 0; j < active; j++) {
                elementIndexes[j] = flat.offsets()[order[j]] + step;
            }
            ColumnVector accumulatorsIn = accumulators.size() == active ? accumulators
                    : accumulators.copyRange(0, active);
            accumulators = evaluator(0).evaluate(input, Arrays.copyOf(order, active), active, accumulatorsIn,
                    elements.take(elementIndexes, active));
        }
        ColumnVector finalAccumulators = ColumnVector.allocate(function(0).variables().get(0).dataType(),
                present.length);
        for (int j = 0; j < present.length; j++) {
            finalAccumulators.appendFrom(finals[j], finalSlots[j]);
        }
        boolean allPresent = present.length == rows;
        ColumnVector finished = evaluator(1).evaluate(input, allPresent ? null : present, present.length,
                finalAccumulators);
        if (allPresent) {
            return finished;
        }
        ColumnVector out = ColumnVector.allocate(dataType(), rows);
        int next = 0;
        for (int row = 0; row < rows; row++) {
            if (arrays.isNull(row)) {
                out.appendNull();
            } else {
                out.appendFrom(finished, next++);
            }
        }
        return out;
    }

    private static int length(Flat flat, int row) {
        return flat.offsets()[row + 1] - flat.offsets()[row];
    }

    private static int[] presentRows(ArrayVector arrays, int rows) {
        List<Integer> present = new ArrayList<>(rows);
        for (int row = 0; row < rows; row++) {
            if (!arrays.isNull(row)) {
                present.add(row);
            }
        }
        return present.stream().mapToInt(Integer::intValue).toArray();
    }
}
