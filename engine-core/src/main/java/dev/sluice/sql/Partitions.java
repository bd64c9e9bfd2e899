package dev.sluice.sql;

import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.expr.SortOrder;
import dev.sluice.expr.UnresolvedFunction;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Repartition;
import dev.sluice.plan.logical.Sample;
import dev.sluice.plan.logical.Sort;
import java.util.ArrayList;
import java.util.List;

/**
 * The plans of {@code sample}, {@code randomSplit}, {@code repartition}, {@code repartitionByRange},
 * {@code coalesce}, {@code sortWithinPartitions} and {@code stat().sampleBy}, with Spark's argument checks
 * ({@code IllegalArgumentException} with Spark's {@code requirement failed: ...} texts). Stateless.
 */
final class Partitions {
    /** Spark's {@code RandomSampler.roundingEpsilon}. */
    private static final double EPSILON = 1e-6;

    private Partitions() {
    }

    static LogicalPlan sample(boolean withReplacement, double fraction, long seed, LogicalPlan plan) {
        if (withReplacement) {
            require(fraction >= -EPSILON, "Sampling fraction (" + fraction + ") must be nonnegative with replacement");
        } else {
            require(fraction >= -EPSILON && fraction <= 1 + EPSILON,
                    "Sampling fraction (" + fraction + ") must be on interval [0, 1] without replacement");
        }
        return new Sample(0.0, fraction, withReplacement, seed, plan);
    }

    /**
     * Spark's {@code randomSplit}: each partition sorted by every orderable column (so a split is the same each
     * time it is computed), then one Bernoulli cell sample per normalized cumulative weight range, one seed.
     */
    static List<LogicalPlan> randomSplit(double[] weights, long seed, LogicalPlan plan, SluiceSession session) {
        String text = weightsText(weights);
        double sum = 0;
        boolean nonNegative = true;
        for (double w : weights) {
            nonNegative &= w >= 0;
            sum += w;
        }
        require(nonNegative, "Weights must be nonnegative, but got " + text);
        require(sum > 0, "Sum of weights must be positive, but got " + text);
        List<Expression> order = new ArrayList<>();
        for (AttributeReference a : plan.output()) {
            if (dev.sluice.expr.ValueOrdering.isOrderable(a.dataType())) {
                order.add(SortOrder.of(a, true));
            }
        }
        LogicalPlan sorted = order.isEmpty() ? plan
                : new Repartition(Repartition.Kind.SORT_WITHIN, 0, order, null, false, plan);
        List<LogicalPlan> out = new ArrayList<>();
        double lower = 0;
        for (double w : weights) {
            double upper = lower + w / sum;
            out.add(new Sample(lower, upper, false, seed, sorted));
            lower = upper;
        }
        return out;
    }

    private static String weightsText(double[] weights) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < weights.length; i++) {
            sb.append(i > 0 ? "," : "").append(weights[i]);
        }
        return sb.append(']').toString();
    }

    /** {@code repartition(n)} ({@code shuffle}) or {@code coalesce(n)}. */
    static LogicalPlan repartition(int numPartitions, boolean shuffle, LogicalPlan plan) {
        requirePositive(numPartitions);
        return new Repartition(shuffle ? Repartition.Kind.ROUND_ROBIN : Repartition.Kind.COALESCE, numPartitions,
                List.of(), null, false, plan);
    }

    /** {@code repartition([n,] cols)}: hash partitioning by the columns (round robin without columns). */
    static LogicalPlan repartitionByHash(Integer numPartitions, Column[] columns, LogicalPlan plan,
            SluiceSession session) {
        int n = numPartitions == null ? session.conf().shufflePartitions() : numPartitions;
        requirePositive(n);
        if (columns.length == 0) {
            return new Repartition(Repartition.Kind.ROUND_ROBIN, n, List.of(), null, false, plan);
        }
        List<Expression> unresolved = new ArrayList<>();
        for (Column c : columns) {
            unresolved.add(c.expr());
        }
        List<Expression> resolved = new ArrayList<>();
        for (Expression e : unresolved) {
            resolved.add(session.planBuilder().resolve(e, plan));
        }
        Expression hash = session.planBuilder().resolve(new UnresolvedFunction("hash", unresolved, false), plan);
        return new Repartition(Repartition.Kind.HASH, n, resolved, hash, numPartitions == null, plan);
    }

    /** {@code repartitionByRange([n,] cols)}: plain columns sort ascending, nulls first. */
    static LogicalPlan repartitionByRange(Integer numPartitions, Column[] columns, LogicalPlan plan,
            SluiceSession session) {
        int n = numPartitions == null ? session.conf().shufflePartitions() : numPartitions;
        requirePositive(n);
        require(columns.length > 0, "At least one partition-by expression must be specified.");
        return new Repartition(Repartition.Kind.RANGE, n, sortOrders(columns, plan, session), null,
                numPartitions == null, plan);
    }

    /** {@code sortWithinPartitions(cols)}. */
    static LogicalPlan sortWithinPartitions(Column[] columns, LogicalPlan plan, SluiceSession session) {
        return new Repartition(Repartition.Kind.SORT_WITHIN, 0, sortOrders(columns, plan, session), null, false, plan);
    }

    private static List<SortOrder> sortOrders(Column[] columns, LogicalPlan plan, SluiceSession session) {
        List<Expression> orders = new ArrayList<>();
        for (Column c : columns) {
            orders.add(c.expr());
        }
        return ((Sort) session.planBuilder().sort(plan, orders)).order();
    }

    /**
     * Spark's {@code sampleBy}: the rows for which {@code rand(seed)} is below their stratum's fraction (0 for a
     * stratum not listed), one draw per row in each partition.
     */
    static <K> Dataset<Row> sampleBy(Dataset<Row> df, Column column, java.util.Map<K, Double> fractions, long seed) {
        StringBuilder text = new StringBuilder("Map(");
        boolean valid = true;
        Column fraction = null;
        for (java.util.Map.Entry<K, Double> e : fractions.entrySet()) {
            double f = e.getValue();
            valid &= f >= 0.0 && f <= 1.0;
            text.append(text.length() > 4 ? ", " : "").append(e.getKey()).append(" -> ").append(f);
            Column isStratum = column.equalTo(functions.lit(e.getKey()));
            fraction = fraction == null ? functions.when(isStratum, f) : fraction.when(isStratum, f);
        }
        require(valid, "Fractions must be in [0, 1], but got " + text + ").");
        Column threshold = fraction == null ? functions.lit(0.0) : fraction.otherwise(0.0);
        return df.filter(functions.rand(seed).lt(threshold));
    }

    private static void requirePositive(int numPartitions) {
        require(numPartitions > 0, "Number of partitions (" + numPartitions + ") must be positive.");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("requirement failed: " + message);
        }
    }
}
