package dev.sluice.expr;

import dev.sluice.sql.AnalysisException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.ObjIntConsumer;

/**
 * Name to {@link FunctionBuilder} table used by the analyzer for every function and operator call.
 * Names are case-insensitive. Thread-safe: lookups and registrations may come from any thread.
 *
 * <p>The built-in instance is filled lazily, one function family at a time, in a fixed order (operators,
 * then each scalar family, aggregates, window functions, generators): a lookup of a name not yet present
 * loads the next families until the name appears or all are loaded. Registering a family links one
 * lambda per function, which costs hundreds of milliseconds in a fresh JVM; a query that only uses
 * arithmetic never pays for the date-time or string tables. No name is registered by two families
 * ({@code FunctionRegistryTest} checks), so the load order cannot change which builder a name gets.
 */
public final class FunctionRegistry {
    /** Operators, the scalar families, aggregates, window functions, generators. */
    static final int BUILTIN_FAMILIES = 1 + dev.sluice.expr.scalar.ScalarFunctions.FAMILIES + 4;
    private static final FunctionRegistry BUILTIN = new FunctionRegistry(BUILTIN_FAMILIES,
            FunctionRegistry::registerBuiltinFamily);

    /** Sorted so that {@link #names()} lists names in order, concurrent so that lookups need no lock. */
    private final Map<String, FunctionBuilder> builders = new ConcurrentSkipListMap<>();
    /** Number of families this registry loads on demand, in order, under {@code this}'s lock. */
    private final int families;
    private final ObjIntConsumer<FunctionRegistry> familyLoader;
    private volatile int loadedFamilies;

    /** An empty registry (functions are added with {@link #register}). */
    public FunctionRegistry() {
        this(0, (registry, family) -> { });
    }

    /** A registry that loads families {@code 0..families-1} in order on demand (see the class comment). */
    FunctionRegistry(int families, ObjIntConsumer<FunctionRegistry> familyLoader) {
        this.families = families;
        this.familyLoader = familyLoader;
    }

    /** The registry with every built-in function (loaded family by family as names are looked up). */
    public static FunctionRegistry builtin() {
        return BUILTIN;
    }

    /**
     * Registers built-in family {@code index} in {@code registry}. A switch rather than a list of method
     * references, which would load every family's class (and what its verification needs) up front.
     */
    static void registerBuiltinFamily(FunctionRegistry registry, int index) {
        int scalar = dev.sluice.expr.scalar.ScalarFunctions.FAMILIES;
        if (index == 0) {
            Operators.registerAll(registry);
        } else if (index <= scalar) {
            dev.sluice.expr.scalar.ScalarFunctions.registerFamily(index - 1, registry);
        } else if (index == scalar + 1) {
            dev.sluice.expr.random.RandomFunctions.register(registry);
        } else if (index == scalar + 2) {
            dev.sluice.expr.aggregate.AggregateFunctions.registerAll(registry);
        } else if (index == scalar + 3) {
            dev.sluice.expr.window.WindowFunctions.registerAll(registry);
        } else if (index == scalar + 4) {
            dev.sluice.expr.generator.Generators.registerAll(registry);
        } else {
            throw new IllegalArgumentException("no built-in function family " + index);
        }
    }

    /** Adds (or replaces) a function. */
    public void register(String name, FunctionBuilder builder) {
        builders.put(name.toLowerCase(Locale.ROOT), builder);
    }

    /**
     * Adds a function taking {@code min..max} arguments: a call with another number fails with Spark's
     * {@code WRONG_NUM_ARGS} before {@code builder} runs.
     */
    public void register(String name, int min, int max, FunctionBuilder builder) {
        register(name, (arguments, context) -> {
            checkArity(name, arguments, min, max);
            return builder.build(arguments, context);
        });
    }

    public boolean contains(String name) {
        return find(name.toLowerCase(Locale.ROOT)) != null;
    }

    /** Every registered name, sorted (loads all built-in families). */
    public Set<String> names() {
        loadFamilies(null);
        return Collections.unmodifiableSet(builders.keySet());
    }

    /** Resolves a call; {@code UNRESOLVED_ROUTINE} if the name is unknown. */
    public Expression build(String name, List<Expression> arguments, FunctionContext context) {
        FunctionBuilder builder = find(name.toLowerCase(Locale.ROOT));
        if (builder == null) {
            throw new AnalysisException("UNRESOLVED_ROUTINE",
                    "Cannot resolve routine `" + name + "` on search path [`system`.`builtin`].", "42883");
        }
        return builder.build(arguments, context);
    }

    private FunctionBuilder find(String key) {
        FunctionBuilder builder = builders.get(key);
        if (builder == null && loadedFamilies < families) {
            builder = loadFamilies(key);
        }
        return builder;
    }

    /** Loads families in order until {@code key} is registered ({@code null}: all); returns its builder. */
    private synchronized FunctionBuilder loadFamilies(String key) {
        while (true) {
            FunctionBuilder builder = key == null ? null : builders.get(key);
            if (builder != null || loadedFamilies == families) {
                return builder;
            }
            familyLoader.accept(this, loadedFamilies);
            loadedFamilies++;
        }
    }

    /** Throws Spark's {@code WRONG_NUM_ARGS} error unless {@code min <= count <= max}. */
    public static void checkArity(String name, List<Expression> arguments, int min, int max) {
        int count = arguments.size();
        if (count < min || count > max) {
            String expected = min == max ? String.valueOf(min)
                    : max == Integer.MAX_VALUE ? "at least " + min : "[" + min + ", " + max + "]";
            throw new AnalysisException("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                    "The `" + name + "` requires " + expected + " parameters but the actual number is " + count
                            + ". Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for"
                            + " a fix.", "42605");
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
