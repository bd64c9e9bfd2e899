package dev.sluice.expr.lambda;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.MapVector;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.MapType;
import java.util.List;

/**
 * {@code map_filter(map, (k, v) -> ...)}: the entries for which the predicate is true, in order (a null predicate
 * drops the entry). The result has the map's type. Immutable.
 */
public final class MapFilter extends HigherOrderFunction {
    public MapFilter(Expression argument, LambdaFunction function) {
        super("map_filter", List.of(argument), List.of(function));
    }

    @Override
    protected HigherOrderFunction copy(List<Expression> newArguments, List<LambdaFunction> newFunctions) {
        return new MapFilter(newArguments.get(0), newFunctions.get(0));
    }

    @Override
    public DataType dataType() {
        return argument(0).dataType();
    }

    @Override
    public ColumnVector eval(Chunk input) {
        int rows = input.rowCount();
        MapInput in = mapInput(input);
        MapVector maps = in.maps();
        Flat flat = in.flat();
        ColumnVector mapKeys = in.keys();
        ColumnVector mapValues = in.values();
        ColumnVector keep = evaluator(0).evaluate(input, flat.parents(), flat.count(), mapKeys, mapValues);
        int[] kept = new int[flat.count()];
        int[] offsets = new int[rows + 1];
        int count = keepTrue(keep, flat, rows, kept, offsets);
        return MapVector.wrap((MapType) dataType(), rows, offsets, rowNulls(maps, rows), mapKeys.take(kept, count),
                mapValues.take(kept, count));
    }
}
