package dev.sluice.expr;

import dev.sluice.sql.AnalysisException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Name to {@link FunctionBuilder} table used by the analyzer for every function and operator call.
 * Names are case-insensitive. The built-in instance is filled once at class load and then only read,
 * so it is safe to share between threads.
 */
public final class FunctionRegistry {
    private static final FunctionRegistry BUILTIN = createBuiltin();

    private final Map<String, FunctionBuilder> builders = new TreeMap<>();

    /** The registry with every built-in function. */
    public static FunctionRegistry builtin() {
        return BUILTIN;
    }

    private static FunctionRegistry createBuiltin() {
        FunctionRegistry registry = new FunctionRegistry();
        Operators.registerAll(registry);
        dev.sluice.expr.scalar.ScalarFunctions.registerAll(registry);
        dev.sluice.expr.aggregate.AggregateFunctions.registerAll(registry);
        dev.sluice.expr.window.WindowFunctions.registerAll(registry);
        dev.sluice.expr.generator.Generators.registerAll(registry);
        return registry;
    }

    /** Adds (or replaces) a function. */
    public void register(String name, FunctionBuilder builder) {
        builders.put(name.toLowerCase(Locale.ROOT), builder);
    }

    public boolean contains(String name) {
        return builders.containsKey(name.toLowerCase(Locale.ROOT));
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(builders.keySet());
    }

    /** Resolves a call; {@code UNRESOLVED_ROUTINE} if the name is unknown. */
    public Expression build(String name, List<Expression> arguments, FunctionContext context) {
        FunctionBuilder builder = builders.get(name.toLowerCase(Locale.ROOT));
        if (builder == null) {
            throw new AnalysisException("UNRESOLVED_ROUTINE",
                    "Cannot resolve routine `" + name + "` on search path [`system`.`builtin`].", "42883");
        }
        return builder.build(arguments, context);
    }

    /** Throws Spark's {@code WRONG_NUM_ARGS} error unless {@code min <= count <= max}. */
    public static void checkArity(String name, List<Expression> arguments, int min, int max) {
        int count = arguments.size();
        if (count < min || count > max) {
            String expected = min == max ? String.valueOf(min)
                    : max == Integer.MAX_VALUE ? "at least " + min : "[" + min + ", " + max + "]";
            throw new AnalysisException("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                    "The `" + name + "` requires " + expected + " parameters but the actual number is " + count
                            + ".", "42605");
        }
    }

    /** Throws Spark's {@code DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE} for argument {@code index} (0-based). */
    public static AnalysisException unexpectedType(String function, int index, String expected, Expression argument) {
        return new AnalysisException("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                "Cannot resolve \"" + function + "\" due to data type mismatch: The " + ordinal(index + 1)
                        + " parameter requires the " + expected + " type, however \"" + argument.sql()
                        + "\" has the type \"" + argument.dataType().sql() + "\".", "42K09");
    }

    private static String ordinal(int n) {
        return switch (n) {
            case 1 -> "first";
            case 2 -> "second";
            case 3 -> "third";
            case 4 -> "fourth";
            default -> n + "th";
        };
    }
}
