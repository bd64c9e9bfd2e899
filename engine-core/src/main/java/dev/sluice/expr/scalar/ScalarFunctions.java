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

    /** How many scalar function families {@link #registerFamily} knows. */
    public static final int FAMILIES = 7;

    /** Registers all scalar functions; later registrations of the same name replace earlier ones. */
    public static void registerAll(FunctionRegistry registry) {
        for (int i = 0; i < FAMILIES; i++) {
            registerFamily(i, registry);
        }
    }

    /**
     * Registers family {@code index} (0 to {@link #FAMILIES} - 1, in registration order), so that the
     * built-in registry can fill one family at a time on first use (see {@link FunctionRegistry#builtin()}).
     * A switch rather than a list of method references: a method reference loads its target class (and
     * every class its verification needs) when it is created, which is what loading lazily avoids.
     */
    public static void registerFamily(int index, FunctionRegistry registry) {
        switch (index) {
            case 0 -> StringFunctions.register(registry);
            case 1 -> MathFunctions.register(registry);
            case 2 -> ConditionalFunctions.register(registry);
            case 3 -> DateTimeFunctions.register(registry);
            case 4 -> JsonFunctions.register(registry);
            case 5 -> CollectionFunctions.register(registry);
            case 6 -> HashFunctions.register(registry);
            default -> throw new IllegalArgumentException("no scalar function family " + index);
        }
    }
}
