package dev.sluice.expr.scalar;

import dev.sluice.expr.ArithmeticErrors;
import dev.sluice.expr.Cast;
import dev.sluice.expr.Expression;
import dev.sluice.expr.FunctionContext;
import dev.sluice.expr.FunctionRegistry;
import dev.sluice.expr.Literal;
import dev.sluice.sql.types.ByteType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.NullType;
import dev.sluice.sql.types.ShortType;
import dev.sluice.sql.types.StringType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Math functions: {@code abs}, {@code round}/{@code bround} (HALF_UP / HALF_EVEN, type-preserving),
 * {@code ceil}/{@code floor} (BIGINT for floating and integral input, decimal(p-s+1, 0) for decimals),
 * {@code sqrt}, {@code exp}, {@code ln}/{@code log}, {@code log10}, {@code log2}, {@code signum},
 * {@code pow}. Logarithms of non-positive values are NULL as in Spark. Stateless.
 */
final class MathFunctions {
    private MathFunctions() {
    }

    static void register(FunctionRegistry registry) {
        registry.register("abs", MathFunctions::abs);
        NanFunctions.register(registry);
        registry.register("round", (arguments, context) -> round("round", arguments, context, RoundingMode.HALF_UP));
        registry.register("bround", (arguments, context) -> round("bround", arguments, context, RoundingMode.HALF_EVEN));
        registry.register("ceil", (arguments, context) -> ceilOrFloor("CEIL", arguments, context, RoundingMode.CEILING));
        registry.register("ceiling", (arguments, context) -> ceilOrFloor("ceiling", arguments, context, RoundingMode.CEILING));
        registry.register("floor", (arguments, context) -> ceilOrFloor("FLOOR", arguments, context, RoundingMode.FLOOR));
        // Column names follow Spark: canonical names upper case (SQRT(x)), aliases as written (sign(x)).
        unaryDouble(registry, "sqrt", "SQRT", Math::sqrt, false);
        unaryDouble(registry, "exp", "EXP", Math::exp, false);
        unaryDouble(registry, "ln", "ln", Math::log, true);
        unaryDouble(registry, "log10", "LOG10", Math::log10, true);
        unaryDouble(registry, "log2", "LOG2", x -> Math.log(x) / Math.log(2), true);
        unaryDouble(registry, "signum", "SIGNUM", Math::signum, false);
        unaryDouble(registry, "sign", "sign", Math::signum, false);
        registry.register("log", (arguments, context) -> {
            FunctionRegistry.checkArity("log", arguments, 1, 2);
            if (arguments.size() == 1) {
                return DoubleFunction.unary("LOG", Arguments.doubleValue("log", arguments, 0, context), Math::log,
                        x -> x <= 0);
            }
            return DoubleFunction.binary("LOG", Arguments.doubleValue("log", arguments, 0, context),
                    Arguments.doubleValue("log", arguments, 1, context), (base, x) -> Math.log(x) / Math.log(base),
                    base -> base <= 0, x -> x <= 0);
        });
        for (String name : List.of("pow", "power")) {
            registry.register(name, (arguments, context) -> {
                FunctionRegistry.checkArity(name, arguments, 2, 2);
                return DoubleFunction.binary(name.equals("power") ? "POWER" : name,
                        Arguments.doubleValue(name, arguments, 0, context),
                        Arguments.doubleValue(name, arguments, 1, context), Math::pow, null, null);
            });
        }
    }

    private static void unaryDouble(FunctionRegistry registry, String name, String displayName,
            DoubleUnaryOperator operation, boolean nullWhenNotPositive) {
        registry.register(name, (arguments, context) -> {
            FunctionRegistry.checkArity(name, arguments, 1, 1);
            return DoubleFunction.unary(displayName, Arguments.doubleValue(name, arguments, 0, context), operation,
                    nullWhenNotPositive ? x -> x <= 0 : null);
        });
    }

    /** The argument itself when numeric; strings become doubles, NULL becomes a double NULL. */
    private static Expression numericArgument(String name, List<Expression> arguments, int index,
            FunctionContext context) {
        Expression argument = arguments.get(index);
        DataType type = argument.dataType();
        if (type.isNumeric()) {
            return argument;
        }
        if (type instanceof StringType || type instanceof NullType) {
            return Cast.castIfNeeded(argument, DataTypes.DoubleType, context);
        }
        throw Arguments.unexpected(name, arguments, index, "\"NUMERIC\"");
    }

    private static Expression abs(List<Expression> arguments, FunctionContext context) {
        FunctionRegistry.checkArity("abs", arguments, 1, 1);
        Expression value = numericArgument("abs", arguments, 0, context);
        DataType type = value.dataType();
        boolean ansi = context.ansiEnabled();
        int intMinimum = type instanceof ByteType ? Byte.MIN_VALUE : type instanceof ShortType ? Short.MIN_VALUE
                : Integer.MIN_VALUE;
        String typeName = type.simpleString();
        NumericUnaryFunction.Operations operations = new NumericUnaryFunction.Operations(
                x -> {
                    if (x == intMinimum && ansi) {
                        throw ArithmeticErrors.overflow(typeName, "try_abs");
                    }
                    return Math.abs(x);
                },
                x -> {
                    if (x == Long.MIN_VALUE && ansi) {
                        throw ArithmeticErrors.overflow("long", "try_abs");
                    }
                    return Math.abs(x);
                },
                Math::abs, BigDecimal::abs);
        return new NumericUnaryFunction("abs", List.of(value), type, operations);
    }

    private static Expression round(String name, List<Expression> arguments, FunctionContext context,
            RoundingMode mode) {
        FunctionRegistry.checkArity(name, arguments, 1, 2);
        Expression value = numericArgument(name, arguments, 0, context);
        Expression scaleArgument = arguments.size() == 2 ? arguments.get(1) : Literal.of(0);
        Object scaleValue = Arguments.constant(name, List.of(value, scaleArgument), 1);
        if (!(scaleValue instanceof Integer)) {
            throw Arguments.unexpected(name, List.of(value, scaleArgument), 1, "\"INT\"");
        }
        int requestedScale = (Integer) scaleValue;
        // Every value Sluice rounds has fewer than 400 digits before and after the point (doubles print at most
        // ~340), so a scale beyond +-400 rounds like +-400; BigDecimal itself fails near Integer.MIN_VALUE.
        int scale = Math.max(-400, Math.min(400, requestedScale));
        DataType type = value.dataType();
        DataType resultType = type;
        if (type instanceof DecimalType decimal) {
            int integralDigits = decimal.precision() - decimal.scale() + 1;
            resultType = requestedScale < 0 ? new DecimalType(Math.min(integralDigits, 38), 0)
                    : new DecimalType(Math.min(integralDigits + Math.min(decimal.scale(), requestedScale), 38),
                            Math.min(decimal.scale(), requestedScale));
        }
        int resultScale = resultType instanceof DecimalType decimal ? decimal.scale() : 0;
        boolean single = type instanceof FloatType;
        NumericUnaryFunction.Operations operations = new NumericUnaryFunction.Operations(
                x -> scale >= 0 ? x : BigDecimal.valueOf(x).setScale(scale, mode).intValue(),
                x -> scale >= 0 ? x : BigDecimal.valueOf(x).setScale(scale, mode).longValue(),
                x -> roundDouble(x, scale, mode, single),
                x -> x.setScale(scale, mode).setScale(resultScale, mode));
        return new NumericUnaryFunction(name, List.of(value, scaleArgument), resultType, operations, true);
    }

    /** Spark rounds doubles through their decimal text (so 2.675 rounds to 2.68 HALF_UP). */
    static double roundDouble(double x, int scale, RoundingMode mode, boolean single) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        BigDecimal decimal = single ? new BigDecimal(Float.toString((float) x)) : BigDecimal.valueOf(x);
        return decimal.setScale(scale, mode).doubleValue();
    }

    private static Expression ceilOrFloor(String name, List<Expression> arguments, FunctionContext context,
            RoundingMode mode) {
        FunctionRegistry.checkArity(name, arguments, 1, 1);
        Expression value = numericArgument(name.toLowerCase(java.util.Locale.ROOT), arguments, 0, context);
        DataType type = value.dataType();
        if (type instanceof DecimalType decimal) {
            DecimalType resultType = new DecimalType(Math.min(decimal.precision() - decimal.scale() + 1, 38), 0);
            return new NumericUnaryFunction(name, List.of(value), resultType, new NumericUnaryFunction.Operations(
                    null, null, null, x -> x.setScale(0, mode)), true);
        }
        if (type instanceof DoubleType || type instanceof FloatType) {
            DoubleUnaryOperator operation = mode == RoundingMode.CEILING ? Math::ceil : Math::floor;
            // Spark converts the rounded double to BIGINT with Java's saturating conversion, never an error.
            FunctionContext saturating = new FunctionContext(context.sessionTimeZone(), false);
            return Cast.castIfNeeded(DoubleFunction.unary(name,
                    Cast.castIfNeeded(value, DataTypes.DoubleType, context), operation, null),
                    DataTypes.LongType, saturating);
        }
        return new NumericUnaryFunction(name, List.of(Cast.castIfNeeded(value, DataTypes.LongType, context)),
                DataTypes.LongType, new NumericUnaryFunction.Operations(null, x -> x, null, null), true);
    }
}
