package dev.sluice.expr.aggregate;

import dev.sluice.expr.Cast;
import dev.sluice.expr.Expression;
import dev.sluice.expr.FunctionContext;
import dev.sluice.expr.FunctionRegistry;
import dev.sluice.expr.Literal;
import dev.sluice.expr.TypeCoercion;
import dev.sluice.expr.ValueOrdering;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.NullType;
import dev.sluice.sql.types.StringType;
import java.util.List;

/** Registers the aggregate functions: count, sum, avg/mean, min, max, first, last, collect_list, collect_set. */
public final class AggregateFunctions {
    private AggregateFunctions() {
    }

    public static void registerAll(FunctionRegistry r) {
        Moments.register(r);
        for (String grouping : List.of("grouping", "grouping_id")) {
            // rollup and cube replace these calls before analysis; anywhere else they are an error, as in Spark
            r.register(grouping, (a, c) -> {
                throw new AnalysisException("UNSUPPORTED_GROUPING_EXPRESSION", "grouping()/grouping_id() can only"
                        + " be used with GroupingSets/Cube/Rollup.", "42K0E");
            });
        }
        Percentile.register(r);
        r.register("approx_count_distinct", 1, 2, (a, c) -> approxCountDistinct(a));
        r.register("count", (a, c) -> {
            FunctionRegistry.checkArity("count", a, 1, Integer.MAX_VALUE);
            return new Count(a);
        });
        r.register("sum", (a, c) -> new Sum(numeric("sum", a, c), c.ansiEnabled()));
        r.register("avg", (a, c) -> new Average(numeric("avg", a, c)));
        r.register("mean", (a, c) -> new Average(numeric("mean", a, c)));
        r.register("min", (a, c) -> new MinMax(orderable("min", a), false));
        r.register("max", (a, c) -> new MinMax(orderable("max", a), true));
        r.register("first", 1, 2, (a, c) -> new FirstLast(a.get(0), false, ignoreNulls("first", a)));
        r.register("first_value", 1, 2, (a, c) -> new FirstLast(a.get(0), false, ignoreNulls("first_value", a)));
        r.register("last", 1, 2, (a, c) -> new FirstLast(a.get(0), true, ignoreNulls("last", a)));
        r.register("last_value", 1, 2, (a, c) -> new FirstLast(a.get(0), true, ignoreNulls("last_value", a)));
        r.register("collect_list", 1, 1, (a, c) -> (new Collect(a.get(0), false)));
        r.register("collect_set", 1, 1, (a, c) -> (new Collect(a.get(0), true)));
        r.register("count_distinct", (a, c) -> new DistinctAggregate(new Count(a)));
    }

    private static final java.util.Set<String> NAMES = java.util.Set.of("count", "sum", "avg", "mean", "min", "max",
            "first", "first_value", "last", "last_value", "collect_list", "collect_set", "count_distinct",
            "approx_count_distinct");

    /** True when {@code name} is an aggregate function (used before resolution, e.g. by SQL planning). */
    public static boolean isAggregate(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return NAMES.contains(lower) || Moments.NAMES.contains(lower) || Percentile.NAMES.contains(lower);
    }

    /** {@code approx_count_distinct(x[, relativeSD])}: the error is a foldable number, 0.05 by default. */
    private static AggregateFunction approxCountDistinct(List<Expression> a) {
        double rsd = 0.05;
        if (a.size() == 2) {
            Expression e = a.get(1);
            if (!dev.sluice.expr.TypeCoercion.isNumeric(e.dataType())) {
                throw FunctionRegistry.unexpectedType("approx_count_distinct(" + a.get(0).sql() + ", " + e.sql() + ")",
                        1, "\"DOUBLE\"", e);
            }
            if (!e.foldable()) {
                throw new AnalysisException("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "Cannot resolve"
                        + " \"approx_count_distinct\" due to data type mismatch: the input " + e.sql()
                        + " should be a foldable expression.", "42K09");
            }
            Object value = e.eval(new dev.sluice.batch.Chunk(1)).getObject(0);
            if (value == null) {
                throw new AnalysisException("DATATYPE_MISMATCH.UNEXPECTED_NULL", "Cannot resolve"
                        + " \"approx_count_distinct\" due to data type mismatch: the relativeSD must not be null.",
                        "42K09");
            }
            rsd = ((Number) value).doubleValue();
        }
        return new HyperLogLogPlusPlus(a.get(0), rsd);
    }

    private static AggregateFunction single(String name, List<Expression> a, AggregateFunction f) {
        FunctionRegistry.checkArity(name, a, 1, 1);
        return f;
    }

    private static Expression numeric(String name, List<Expression> a, FunctionContext c) {
        FunctionRegistry.checkArity(name, a, 1, 1);
        Expression e = a.get(0);
        if (e.dataType() instanceof StringType || e.dataType() instanceof NullType) {
            return Cast.castIfNeeded(e, DataTypes.DoubleType, c);
        }
        if (!TypeCoercion.isNumeric(e.dataType())) {
            throw FunctionRegistry.unexpectedType(name, 0, "\"NUMERIC\" or \"ANSI INTERVAL\"", e);
        }
        return e;
    }

    private static Expression orderable(String name, List<Expression> a) {
        FunctionRegistry.checkArity(name, a, 1, 1);
        if (!ValueOrdering.isOrderable(a.get(0).dataType())) {
            throw FunctionRegistry.unexpectedType(name, 0, "orderable", a.get(0));
        }
        return a.get(0);
    }

    private static boolean ignoreNulls(String name, List<Expression> a) {
        FunctionRegistry.checkArity(name, a, 1, 2);
        if (a.size() == 1) {
            return false;
        }
        if (a.get(1) instanceof Literal l && l.value() instanceof Boolean b) {
            return b;
        }
        throw new AnalysisException("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "The second argument of `" + name
                + "` must be a constant boolean.", "42K09");
    }
}
