package dev.sluice.expr.random;

import dev.sluice.expr.Expression;
import dev.sluice.expr.FunctionRegistry;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.NullType;
import java.util.List;

/**
 * Registers the partition-dependent functions: {@code rand}/{@code random}/{@code randn} with an optional
 * foldable int or bigint seed (null means 0, as Spark's), {@code monotonically_increasing_id()} and
 * {@code spark_partition_id()}. Stateless.
 */
public final class RandomFunctions {
    private RandomFunctions() {
    }

    /** Registers the functions in {@code registry}. */
    public static void register(FunctionRegistry registry) {
        for (String name : List.of("rand", "random", "randn")) {
            registry.register(name, (arguments, context) -> random(name, arguments));
        }
        registry.register("monotonically_increasing_id", (arguments, context) -> {
            FunctionRegistry.checkArity("monotonically_increasing_id", arguments, 0, 0);
            return PartitionFunction.monotonicallyIncreasingId();
        });
        registry.register("spark_partition_id", (arguments, context) -> {
            FunctionRegistry.checkArity("spark_partition_id", arguments, 0, 0);
            return PartitionFunction.sparkPartitionId();
        });
    }

    /** A seed Spark's {@code Utils.random.nextLong} would pick: a random one per call built. */
    public static long randomSeed() {
        return java.util.concurrent.ThreadLocalRandom.current().nextLong();
    }

    private static Expression random(String name, List<Expression> arguments) {
        FunctionRegistry.checkArity(name, arguments, 0, 1);
        boolean gaussian = name.equals("randn");
        String shown = gaussian ? "randn" : "rand"; // random(3) is named rand(3), as Spark's alias
        if (arguments.isEmpty()) {
            return new RandomValue(shown, gaussian, randomSeed(), null);
        }
        Expression seed = arguments.get(0);
        // other numbers are cast to int, Spark's implicit cast to the first of (INT, BIGINT)
        if (!(seed.dataType() instanceof NullType) && !dev.sluice.expr.TypeCoercion.isNumeric(seed.dataType())) {
            throw FunctionRegistry.unexpectedType(name + "(" + seed.sql() + ")", 0, "(\"INT\" or \"BIGINT\")", seed);
        }
        if (!seed.foldable() && !(seed instanceof dev.sluice.expr.Literal)) {
            throw new AnalysisException("SEED_EXPRESSION_IS_UNFOLDABLE", "The seed expression \"" + seed.sql()
                    + "\" of the expression \"" + shown + "(" + seed.sql() + ")\" must be foldable.", "42K08");
        }
        Object value = seed.eval(new dev.sluice.batch.Chunk(1)).getObject(0);
        long s = value == null ? 0L : seed.dataType().equals(DataTypes.LongType) ? ((Number) value).longValue()
                : ((Number) value).intValue();
        return new RandomValue(shown, gaussian, s, seed.sql());
    }
}
