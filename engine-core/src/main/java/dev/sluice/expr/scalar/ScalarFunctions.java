package dev.sluice.expr.scalar;

import dev.sluice.expr.FunctionRegistry;

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
        StringFunctions.register(registry);
        MathFunctions.register(registry);
        ConditionalFunctions.register(registry);
        DateTimeFunctions.register(registry);
        JsonFunctions.register(registry);
        CollectionFunctions.register(registry);
        HashFunctions.register(registry);
    }
}
