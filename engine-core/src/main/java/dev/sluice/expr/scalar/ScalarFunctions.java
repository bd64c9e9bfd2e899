package dev.sluice.expr.scalar;

import dev.sluice.expr.FunctionRegistry;
import java.util.List;
import java.util.function.Consumer;

/**
 * Entry point of the built-in scalar functions: registers every family (strings, math, conditionals,
 * date and time, JSON, collections, hashes) in a {@link FunctionRegistry}. The builders check arity and
 * argument types when a call is resolved and insert Spark's implicit casts; the expressions they return
 * are vectorized, immutable and thread-safe.
 */
public final class ScalarFunctions {
    private ScalarFunctions() {
    }

    /** Registers all scalar functions; later registrations of the same name replace earlier ones. */
    public static void registerAll(FunctionRegistry registry) {
        for (Consumer<FunctionRegistry> group : groups()) {
            group.accept(registry);
        }
    }

    /**
     * The scalar function families in registration order, each a separate step so that the built-in
     * registry can fill one family at a time on first use (see {@link FunctionRegistry#builtin()}).
     */
    public static List<Consumer<FunctionRegistry>> groups() {
        return List.of(StringFunctions::register, MathFunctions::register, ConditionalFunctions::register,
                DateTimeFunctions::register, JsonFunctions::register, CollectionFunctions::register,
                HashFunctions::register);
    }
}
