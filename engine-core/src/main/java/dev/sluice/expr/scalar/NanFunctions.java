package dev.sluice.expr.scalar;

import dev.sluice.expr.Expression;
import dev.sluice.expr.FunctionContext;
import dev.sluice.expr.FunctionRegistry;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.FloatType;
import java.util.List;

/**
 * {@code isnan(x)} (false for null, never null) and {@code nanvl(x, y)} ({@code y} when {@code x} is NaN, null when
 * {@code x} is null), over DOUBLE or FLOAT; other numbers are cast to DOUBLE, as Spark's implicit casts do.
 * Stateless.
 */
final class NanFunctions {
    private NanFunctions() {
    }

    static void register(FunctionRegistry registry) {
        registry.register("isnan", 1, 1, (arguments, context) -> new RowFunction("isnan",
                List.of(floating("isnan", arguments, 0, context)), DataTypes.BooleanType, false,
                RowFunction.Nullability.NEVER, values -> values[0] != null && isNaN(values[0])));
        registry.register("nanvl", 2, 2, (arguments, context) -> {
            boolean bothFloat = arguments.get(0).dataType() instanceof FloatType
                    && arguments.get(1).dataType() instanceof FloatType;
            List<Expression> coerced = bothFloat ? arguments : List.of(Arguments.doubleValue("nanvl", arguments, 0,
                    context), Arguments.doubleValue("nanvl", arguments, 1, context));
            return new RowFunction("nanvl", coerced, coerced.get(0).dataType(), false,
                    RowFunction.Nullability.ANY_ARGUMENT, values -> values[0] == null ? null
                            : isNaN(values[0]) ? values[1] : values[0]);
        });
    }

    private static Expression floating(String name, List<Expression> arguments, int index, FunctionContext context) {
        return arguments.get(index).dataType() instanceof FloatType ? arguments.get(index)
                : Arguments.doubleValue(name, arguments, index, context);
    }

    private static boolean isNaN(Object value) {
        return value instanceof Double d ? d.isNaN() : value instanceof Float f && f.isNaN();
    }
}
