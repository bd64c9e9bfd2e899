package dev.sluice.expr.lambda;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.MapVector;
import dev.sluice.expr.Expression;
import dev.sluice.expr.MapKeys;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.MapType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code map_zip_with(left, right, (k, v1, v2) -> ...)}: one entry per distinct key of either map, the keys of
 * {@code left} first in their order, then the keys only in {@code right}; the lambda gets null for the side that
 * lacks the key and, for a key repeated within one map, its first value (Spark's rules). Null when either map is
 * null. The key types are made equal by the builder. Immutable.
 */
public final class MapZipWith extends HigherOrderFunction {
    public MapZipWith(Expression left, Expression right, LambdaFunction function) {
        super("map_zip_with", List.of(left, right), List.of(function));
    }

    @Override
    protected HigherOrderFunction copy(List<Expression> newArguments, List<LambdaFunction> newFunctions) {
        return new MapZipWith(newArguments.get(0), newArguments.get(1), newFunctions.get(0));
    }

    @Override
    public DataType dataType() {
        MapType left = (MapType) argument(0).dataType();
        return new MapType(left.keyType(), function(0).dataType(), function(0).nullable());
    }

    @Override
    public ColumnVector eval(Chunk input) {
        int rows = input.rowCount();
        MapVector left = (MapVector) argument(0).eval(input);
        MapVector right = (MapVector) argument(1).eval(input);
        DataType keyType = ((MapType) dataType()).keyType();
        ColumnVector keys = ColumnVector.allocate(keyType, 16);
        IntList parents = new IntList();
        IntList leftIndexes = new IntList();
        IntList rightIndexes = new IntList();
        int[] offsets = new int[rows + 1];
        boolean[] nulls = null;
        Map<Object, int[]> entries = new LinkedHashMap<>();
        for (int row = 0; row < rows; row++) {
            if (left.isNull(row) || right.isNull(row)) {
                nulls = nulls == null ? new boolean[Math.max(rows, 1)] : nulls;
                nulls[row] = true;
                offsets[row + 1] = offsets[row];
                continue;
            }
            entries.clear();
            collect(entries, left, row, 0);
            collect(entries, right, row, 1);
            for (int[] sides : entries.values()) {
                keys.appendFrom(sides[0] >= 0 ? left.keys() : right.keys(), sides[0] >= 0 ? sides[0] : sides[1]);
                parents.add(row);
                leftIndexes.add(sides[0]);
                rightIndexes.add(sides[1]);
            }
            offsets[row + 1] = offsets[row] + entries.size();
        }
        int count = parents.size();
        List<LambdaVariable> variables = function(0).variables();
        ColumnVector v1 = gatherOrNull(left.values(), variables.get(1).dataType(), leftIndexes.toArray(), count);
        ColumnVector v2 = gatherOrNull(right.values(), variables.get(2).dataType(), rightIndexes.toArray(), count);
        ColumnVector result = evaluator(0).evaluate(input, parents.toArray(), count, keys, v1, v2);
        return MapVector.wrap((MapType) dataType(), rows, offsets, nulls, keys, result);
    }

    /** Adds the keys of {@code map}'s row to {@code entries}: slot {@code side} holds each key's first index. */
    private static void collect(Map<Object, int[]> entries, MapVector map, int row, int side) {
        for (int i = map.offset(row); i < map.offset(row) + map.length(row); i++) {
            int[] sides = entries.computeIfAbsent(MapKeys.normalized(map.keys().getObject(i)), k -> new int[] {-1, -1});
            if (sides[side] < 0) {
                sides[side] = i;
            }
        }
    }

    /** A growable int array. */
    private static final class IntList {
        private int[] values = new int[16];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
