package dev.sluice.expr.lambda;

import dev.sluice.expr.Cast;
import dev.sluice.expr.Expression;
import dev.sluice.expr.FunctionContext;
import dev.sluice.expr.FunctionRegistry;
import dev.sluice.expr.Literal;
import dev.sluice.expr.TypeCoercion;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.BooleanType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.NullType;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the higher-order functions from a call's arguments, with Spark's checks and texts: the collection
 * arguments are checked first ({@code DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE}, naming the call with its lambdas
 * as written), then each lambda is bound to parameters of the types the function gives them (by the analyzer, through
 * a {@link LambdaBinder}), then the lambdas' result types are checked. A plain expression where a lambda is expected
 * becomes a lambda that ignores its parameters, as in Spark. Stateless.
 */
public final class HigherOrderFunctions {
    private static final Set<String> NAMES = Set.of("transform", "filter", "exists", "forall", "aggregate", "reduce",
            "zip_with", "transform_keys", "transform_values", "map_filter", "map_zip_with", "array_sort");

    private HigherOrderFunctions() {
    }

    /** The type and nullability a higher-order function gives one lambda parameter. */
    public record Parameter(DataType type, boolean nullable) {
    }

    /** Binds a lambda (or a plain expression, which becomes a hidden lambda) to typed parameters. */
    @FunctionalInterface
    public interface LambdaBinder {
        LambdaFunction bind(Expression lambdaOrExpression, List<Parameter> parameters);
    }

    /** True for the names of the built-in higher-order functions. */
    public static boolean isHigherOrder(String name) {
        return NAMES.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Builds the call {@code name(arguments)}; the non-lambda arguments are resolved. */
    public static Expression build(String name, List<Expression> arguments, FunctionContext context,
            LambdaBinder binder) {
        String lower = name.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "transform", "filter" -> {
                FunctionRegistry.checkArity(lower, arguments, 2, 2);
                ArrayType array = arrayArgument(lower, arguments, 0);
                Expression input = typedNull(arguments.get(0), array);
                Parameter element = new Parameter(array.elementType(), array.containsNull());
                List<Parameter> parameters = parameterCount(arguments.get(1)) == 2
                        ? List.of(element, new Parameter(DataTypes.IntegerType, false)) : List.of(element);
                LambdaFunction function = binder.bind(arguments.get(1), parameters);
                if (lower.equals("transform")) {
                    yield new ArrayTransform(input, function);
                }
                checkBoolean(lower, List.of(input, function), 1, function);
                yield new ArrayFilter(input, function);
            }
            case "exists", "forall" -> {
                FunctionRegistry.checkArity(lower, arguments, 2, 2);
                ArrayType array = arrayArgument(lower, arguments, 0);
                Expression input = typedNull(arguments.get(0), array);
                LambdaFunction function = binder.bind(arguments.get(1),
                        List.of(new Parameter(array.elementType(), array.containsNull())));
                checkBoolean(lower, List.of(input, function), 1, function);
                yield new ArrayQuantifier(lower.equals("forall"), input, function);
            }
            case "aggregate", "reduce" -> aggregate(lower, arguments, binder);
            case "zip_with" -> {
                FunctionRegistry.checkArity(lower, arguments, 3, 3);
                ArrayType left = arrayArgument(lower, arguments, 0);
                ArrayType right = arrayArgument(lower, arguments, 1);
                LambdaFunction function = binder.bind(arguments.get(2), List.of(
                        new Parameter(left.elementType(), true), new Parameter(right.elementType(), true)));
                yield new ZipWith(typedNull(arguments.get(0), left), typedNull(arguments.get(1), right), function);
            }
            case "transform_keys", "transform_values", "map_filter" -> {
                FunctionRegistry.checkArity(lower, arguments, 2, 2);
                MapType map = mapArgument(lower, arguments, 0);
                Expression input = typedNull(arguments.get(0), map);
                LambdaFunction function = binder.bind(arguments.get(1), List.of(new Parameter(map.keyType(), false),
                        new Parameter(map.valueType(), map.valueContainsNull())));
                if (lower.equals("map_filter")) {
                    checkBoolean(lower, List.of(input, function), 1, function);
                    yield new MapFilter(input, function);
                }
                if (lower.equals("transform_keys") && containsMap(function.dataType())) {
                    throw mismatch(callSql(lower, List.of(input, function)), "INVALID_MAP_KEY_TYPE",
                            "The key of map cannot be/contain \"" + function.dataType().sql() + "\".");
                }
                yield new MapTransform(lower.equals("transform_keys"), input, function);
            }
            case "map_zip_with" -> mapZipWith(arguments, context, binder);
            case "array_sort" -> arraySort(arguments, binder);
            default -> throw new IllegalArgumentException("not a higher-order function: " + name);
        };
    }

    private static Expression aggregate(String name, List<Expression> arguments, LambdaBinder binder) {
        FunctionRegistry.checkArity(name, arguments, 3, 4);
        ArrayType array = arrayArgument(name, arguments, 0);
        Expression input = typedNull(arguments.get(0), array);
        Expression zero = arguments.get(1);
        // Spark is conservative: the accumulator may always be null, at every nesting level.
        Parameter accumulator = new Parameter(asNullable(zero.dataType()), true);
        LambdaFunction merge = binder.bind(arguments.get(2),
                List.of(accumulator, new Parameter(array.elementType(), array.containsNull())));
        LambdaFunction finish;
        if (arguments.size() == 4) {
            finish = binder.bind(arguments.get(3), List.of(accumulator));
        } else {
            LambdaVariable id = new LambdaVariable("id", accumulator.type(), true);
            finish = new LambdaFunction(id, List.of(id), false);
        }
        if (!equalsStructurally(zero.dataType(), merge.dataType())) {
            throw FunctionRegistry.unexpectedType(callSql(name, List.of(input, zero, merge, finish)), 2,
                    "\"" + zero.dataType().sql() + "\"", merge);
        }
        return new ArrayAggregate(name, input, zero, merge, finish);
    }

    private static Expression arraySort(List<Expression> arguments, LambdaBinder binder) {
        FunctionRegistry.checkArity("array_sort", arguments, 1, 2);
        ArrayType array = arrayArgument("array_sort", arguments, 0);
        Expression input = typedNull(arguments.get(0), array);
        if (arguments.size() == 1) {
            if (!dev.sluice.expr.ValueOrdering.isOrderable(array.elementType())
                    && !(array.elementType() instanceof NullType)) {
                throw FunctionRegistry.unexpectedType(callSql("array_sort", arguments), 0, "\"ARRAY\" of orderable",
                        arguments.get(0));
            }
            return new ArraySort(input, null);
        }
        Parameter element = new Parameter(array.elementType(), array.containsNull());
        LambdaFunction comparator = binder.bind(arguments.get(1), List.of(element, element));
        if (!(comparator.dataType() instanceof dev.sluice.sql.types.IntegerType)) {
            throw mismatch(callSql("array_sort", List.of(input, comparator)), "UNEXPECTED_RETURN_TYPE", "The"
                    + " `lambdafunction` requires return \"INT\" type, but the actual is \""
                    + comparator.dataType().sql() + "\" type.");
        }
        return new ArraySort(input, comparator);
    }

    private static Expression mapZipWith(List<Expression> arguments, FunctionContext context, LambdaBinder binder) {
        String name = "map_zip_with";
        FunctionRegistry.checkArity(name, arguments, 3, 3);
        MapType left = mapArgument(name, arguments, 0);
        MapType right = mapArgument(name, arguments, 1);
        Expression leftInput = typedNull(arguments.get(0), left);
        Expression rightInput = typedNull(arguments.get(1), right);
        if (!asNullable(left.keyType()).equals(asNullable(right.keyType()))) {
            Optional<DataType> common = TypeCoercion.widerType(left.keyType(), right.keyType());
            MapType newLeft = common.map(k -> new MapType(k, left.valueType(), left.valueContainsNull())).orElse(null);
            MapType newRight = common.map(k -> new MapType(k, right.valueType(), right.valueContainsNull()))
                    .orElse(null);
            if (newLeft == null || !Cast.canCast(left, newLeft) || !Cast.canCast(right, newRight)) {
                throw mismatch(callSql(name, arguments), "MAP_ZIP_WITH_DIFF_TYPES", "Input to the `map_zip_with`"
                        + " should have been two maps with compatible key types, but it's [\"" + left.keyType().sql()
                        + "\", \"" + right.keyType().sql() + "\"].");
            }
            leftInput = Cast.castIfNeeded(leftInput, newLeft, context);
            rightInput = Cast.castIfNeeded(rightInput, newRight, context);
        }
        MapType leftType = (MapType) leftInput.dataType();
        MapType rightType = (MapType) rightInput.dataType();
        LambdaFunction function = binder.bind(arguments.get(2), List.of(new Parameter(leftType.keyType(), false),
                new Parameter(leftType.valueType(), true), new Parameter(rightType.valueType(), true)));
        return new MapZipWith(leftInput, rightInput, function);
    }

    /** The number of parameters of a lambda argument, 0 for a plain expression. */
    private static int parameterCount(Expression argument) {
        return argument instanceof UnresolvedLambda lambda ? lambda.parameters().size() : 0;
    }

    private static ArrayType arrayArgument(String name, List<Expression> arguments, int index) {
        DataType type = arguments.get(index).dataType();
        if (type instanceof NullType) {
            return new ArrayType(DataTypes.NullType, true);
        }
        if (!(type instanceof ArrayType array)) {
            throw FunctionRegistry.unexpectedType(callSql(name, arguments), index, "\"ARRAY\"", arguments.get(index));
        }
        return array;
    }

    private static MapType mapArgument(String name, List<Expression> arguments, int index) {
        DataType type = arguments.get(index).dataType();
        if (type instanceof NullType) {
            return new MapType(DataTypes.NullType, DataTypes.NullType, true);
        }
        if (!(type instanceof MapType map)) {
            throw FunctionRegistry.unexpectedType(callSql(name, arguments), index, "\"MAP\"", arguments.get(index));
        }
        return map;
    }

    /** Spark turns an untyped NULL argument into a null of the expected collection type. */
    private static Expression typedNull(Expression argument, DataType expected) {
        return argument.dataType() instanceof NullType ? new Literal(null, expected) : argument;
    }

    private static void checkBoolean(String name, List<Expression> call, int index, LambdaFunction function) {
        DataType type = function.dataType();
        if (!(type instanceof BooleanType) && !(type instanceof NullType)) {
            throw FunctionRegistry.unexpectedType(callSql(name, call), index, "\"BOOLEAN\"", function);
        }
    }

    private static AnalysisException mismatch(String callSql, String subclass, String text) {
        return new AnalysisException("DATATYPE_MISMATCH." + subclass, "Cannot resolve \"" + callSql
                + "\" due to data type mismatch: " + text, "42K09");
    }

    /** Spark's text of the call: {@code name(arg1, arg2)}, lambdas as far as they are bound. */
    private static String callSql(String name, List<Expression> arguments) {
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < arguments.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(arguments.get(i).sql());
        }
        return sb.append(')').toString();
    }

    private static boolean containsMap(DataType type) {
        if (type instanceof MapType) {
            return true;
        }
        if (type instanceof ArrayType a) {
            return containsMap(a.elementType());
        }
        if (type instanceof StructType s) {
            for (StructField f : s.fields()) {
                if (containsMap(f.dataType())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code type} with every nested nullability flag set (Spark's {@code asNullable}). */
    static DataType asNullable(DataType type) {
        if (type instanceof ArrayType a) {
            return new ArrayType(asNullable(a.elementType()), true);
        }
        if (type instanceof MapType m) {
            return new MapType(asNullable(m.keyType()), asNullable(m.valueType()), true);
        }
        if (type instanceof StructType s) {
            List<StructField> fields = new ArrayList<>();
            for (StructField f : s.fields()) {
                fields.add(new StructField(f.name(), asNullable(f.dataType()), true));
            }
            return new StructType(fields);
        }
        return type;
    }

    /** Spark's {@code DataType.equalsStructurally} ignoring nullability: field names do not matter. */
    static boolean equalsStructurally(DataType a, DataType b) {
        if (a instanceof ArrayType x && b instanceof ArrayType y) {
            return equalsStructurally(x.elementType(), y.elementType());
        }
        if (a instanceof MapType x && b instanceof MapType y) {
            return equalsStructurally(x.keyType(), y.keyType()) && equalsStructurally(x.valueType(), y.valueType());
        }
        if (a instanceof StructType x && b instanceof StructType y) {
            if (x.length() != y.length()) {
                return false;
            }
            for (int i = 0; i < x.length(); i++) {
                if (!equalsStructurally(x.fields()[i].dataType(), y.fields()[i].dataType())) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
