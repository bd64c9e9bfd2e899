package dev.sluice.expr.scalar;

import dev.sluice.batch.ArrayVector;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.MapVector;
import dev.sluice.expr.Expression;
import dev.sluice.expr.FunctionContext;
import dev.sluice.expr.FunctionRegistry;
import dev.sluice.expr.MapKeys;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.SluiceException;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.MapType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Map constructors and accessors: {@code map(k1, v1, ...)}, {@code map_from_arrays(keys, values)},
 * {@code map_keys}, {@code map_values}. Built maps follow Spark's rules under the default
 * {@code spark.sql.mapKeyDedupPolicy=EXCEPTION}: a null key fails with {@code NULL_MAP_KEY}, a repeated key with
 * {@code DUPLICATED_MAP_KEY}. Stateless.
 */
final class MapFunctions {
    private MapFunctions() {
    }

    static void register(FunctionRegistry registry) {
        registry.register("map", MapFunctions::createMap);
        registry.register("map_from_arrays", 2, 2, MapFunctions::fromArrays);
        registry.register("map_keys", 1, 1, (arguments, context) -> entries("map_keys", arguments, true));
        registry.register("map_values", 1, 1, (arguments, context) -> entries("map_values", arguments, false));
    }

    private static Expression createMap(List<Expression> arguments, FunctionContext context) {
        if (arguments.size() % 2 != 0) {
            throw new AnalysisException("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "The `map` requires 2n (n > 0)"
                    + " parameters but the actual number is " + arguments.size() + ".", "42605");
        }
        List<Expression> keys = new ArrayList<>();
        List<Expression> values = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i += 2) {
            keys.add(arguments.get(i));
            values.add(arguments.get(i + 1));
        }
        List<Expression> coercedKeys = keys.isEmpty() ? keys : ConditionalFunctions.commonType("map", keys, context);
        List<Expression> coercedValues = values.isEmpty() ? values
                : ConditionalFunctions.commonType("map", values, context);
        DataType keyType = keys.isEmpty() ? DataTypes.NullType : coercedKeys.get(0).dataType();
        DataType valueType = values.isEmpty() ? DataTypes.NullType : coercedValues.get(0).dataType();
        if (keyType instanceof MapType) {
            throw new AnalysisException("DATATYPE_MISMATCH.INVALID_MAP_KEY_TYPE", "Cannot resolve \""
                    + Arguments.callSql("map", arguments) + "\" due to data type mismatch: The key of map cannot"
                    + " be/contain \"" + keyType.sql() + "\".", "42K09");
        }
        List<Expression> interleaved = new ArrayList<>();
        for (int i = 0; i < coercedKeys.size(); i++) {
            interleaved.add(coercedKeys.get(i));
            interleaved.add(coercedValues.get(i));
        }
        MapType type = new MapType(keyType, valueType, values.stream().anyMatch(Expression::nullable));
        return new CreateMap(interleaved, type);
    }

    private static Expression fromArrays(List<Expression> arguments, FunctionContext context) {
        if (!(arguments.get(0).dataType() instanceof ArrayType keys)) {
            throw Arguments.unexpected("map_from_arrays", arguments, 0, "\"ARRAY\"");
        }
        if (!(arguments.get(1).dataType() instanceof ArrayType values)) {
            throw Arguments.unexpected("map_from_arrays", arguments, 1, "\"ARRAY\"");
        }
        MapType type = new MapType(keys.elementType(), values.elementType(), values.containsNull());
        return new RowFunction("map_from_arrays", arguments, type, true, RowFunction.Nullability.ANY_ARGUMENT,
                row -> {
                    List<?> k = (List<?>) row[0];
                    List<?> v = (List<?>) row[1];
                    if (k.size() != v.size()) {
                        throw new SluiceException("_LEGACY_ERROR_TEMP_2128", "The key array and value array of"
                                + " MapData must have the same length.", null, null);
                    }
                    java.util.Map<Object, Object> map = new java.util.LinkedHashMap<>();
                    Set<Object> seen = new HashSet<>();
                    for (int i = 0; i < k.size(); i++) {
                        if (k.get(i) == null) {
                            throw new SluiceException("NULL_MAP_KEY", "Cannot use null as map key.", "2200E", null);
                        }
                        if (!seen.add(MapKeys.normalized(k.get(i)))) {
                            throw MapKeys.duplicate(k.get(i));
                        }
                        map.put(k.get(i), v.get(i));
                    }
                    return map;
                });
    }

    private static Expression entries(String name, List<Expression> arguments, boolean keys) {
        if (!(arguments.get(0).dataType() instanceof MapType map)) {
            throw Arguments.unexpected(name, arguments, 0, "\"MAP\"");
        }
        ArrayType type = keys ? new ArrayType(map.keyType(), false) : new ArrayType(map.valueType(),
                map.valueContainsNull());
        return new MapEntries(name, arguments.get(0), type, keys);
    }

    /** {@code map(k1, v1, ...)} over coerced, interleaved keys and values. Never null. */
    static final class CreateMap extends ScalarFunction {
        CreateMap(List<Expression> interleaved, MapType type) {
            super("map", interleaved, type);
        }

        @Override
        public Expression withNewChildren(List<Expression> newChildren) {
            return new CreateMap(newChildren, (MapType) dataType());
        }

        @Override
        public boolean nullable() {
            return false;
        }

        @Override
        public ColumnVector eval(Chunk input) {
            ColumnVector[] vectors = evalArguments(input);
            int rows = input.rowCount();
            MapVector out = new MapVector((MapType) dataType(), rows);
            Set<Object> seen = new HashSet<>();
            for (int row = 0; row < rows; row++) {
                int first = out.keys().size();
                for (int i = 0; i < vectors.length; i += 2) {
                    out.keys().appendFrom(vectors[i], row);
                    out.values().appendFrom(vectors[i + 1], row);
                }
                MapKeys.checkEntries(out.keys(), first, out.keys().size(), seen);
                out.endRow();
            }
            return out;
        }
    }

    /** {@code map_keys} / {@code map_values}: the entries' keys or values as an array, sharing the storage. */
    static final class MapEntries extends ScalarFunction {
        private final boolean keys;

        MapEntries(String name, Expression map, ArrayType type, boolean keys) {
            super(name, List.of(map), type);
            this.keys = keys;
        }

        @Override
        public Expression withNewChildren(List<Expression> newChildren) {
            return new MapEntries(name(), newChildren.get(0), (ArrayType) dataType(), keys);
        }

        @Override
        public boolean nullable() {
            return children().get(0).nullable();
        }

        @Override
        public ColumnVector eval(Chunk input) {
            MapVector maps = (MapVector) children().get(0).eval(input);
            int rows = input.rowCount();
            int[] offsets = new int[rows + 1];
            boolean[] nulls = null;
            for (int row = 0; row < rows; row++) {
                offsets[row] = maps.offset(row);
                if (maps.isNull(row)) {
                    nulls = nulls == null ? new boolean[Math.max(rows, 1)] : nulls;
                    nulls[row] = true;
                }
            }
            offsets[rows] = rows == 0 ? 0 : maps.offset(rows - 1) + maps.length(rows - 1);
            return ArrayVector.wrap((ArrayType) dataType(), rows, offsets, nulls, keys ? maps.keys() : maps.values());
        }
    }
}
