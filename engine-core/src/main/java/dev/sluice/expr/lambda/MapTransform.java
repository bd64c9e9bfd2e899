package dev.sluice.expr.lambda;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.MapVector;
import dev.sluice.expr.Expression;
import dev.sluice.expr.MapKeys;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.MapType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code transform_keys(map, (k, v) -> ...)} and {@code transform_values(map, (k, v) -> ...)}: the lambda applied
 * to every entry gives its new key or its new value, in entry order. New keys follow Spark's map rules: a null key
 * fails with {@code NULL_MAP_KEY}, two equal keys in one map with {@code DUPLICATED_MAP_KEY}. Immutable.
 */
public final class MapTransform extends HigherOrderFunction {
    private final boolean keys;

    public MapTransform(boolean keys, Expression argument, LambdaFunction function) {
        super(keys ? "transform_keys" : "transform_values", List.of(argument), List.of(function));
        this.keys = keys;
    }

    @Override
    protected HigherOrderFunction copy(List<Expression> newArguments, List<LambdaFunction> newFunctions) {
        return new MapTransform(keys, newArguments.get(0), newFunctions.get(0));
    }

    @Override
    public DataType dataType() {
        MapType map = (MapType) argument(0).dataType();
        return keys ? new MapType(function(0).dataType(), map.valueType(), map.valueContainsNull())
                : new MapType(map.keyType(), function(0).dataType(), function(0).nullable());
    }

    @Override
    public ColumnVector eval(Chunk input) {
        int rows = input.rowCount();
        MapInput in = mapInput(input);
        MapVector maps = in.maps();
        Flat flat = in.flat();
        ColumnVector mapKeys = in.keys();
        ColumnVector mapValues = in.values();
        ColumnVector result = evaluator(0).evaluate(input, flat.parents(), flat.count(), mapKeys, mapValues);
        if (keys) {
            checkKeys(result, flat, rows);
        }
        return MapVector.wrap((MapType) dataType(), rows, flat.offsets(), rowNulls(maps, rows),
                keys ? result : mapKeys, keys ? mapValues : result);
    }

    private static void checkKeys(ColumnVector newKeys, Flat flat, int rows) {
        Set<Object> seen = new HashSet<>();
        for (int row = 0; row < rows; row++) {
            MapKeys.checkEntries(newKeys, flat.offsets()[row], flat.offsets()[row + 1], seen);
        }
    }
}
