package dev.sluice.sql;

import dev.sluice.analysis.JavaValues;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.expr.aggregate.AggregateFunction;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.CollectMetrics;
import dev.sluice.plan.logical.LogicalPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan of {@code Dataset.observe}: Spark's checks of observed metrics ({@code INVALID_OBSERVED_METRICS.*}: a
 * name, attributes and non-deterministic expressions only inside aggregate functions), then a
 * {@link CollectMetrics} node over the Dataset's plan. Stateless.
 */
final class Observations {
    private Observations() {
    }

    static LogicalPlan observe(String name, Observation observation, Column[] exprs, LogicalPlan plan,
            SluiceSession session) {
        List<Expression> unresolved = new ArrayList<>();
        for (Column c : exprs) {
            unresolved.add(c.expr());
        }
        for (Expression e : unresolved) {
            check(session.planBuilder().resolve(e, plan));
        }
        LogicalPlan aggregated = session.planBuilder().aggregate(plan, List.of(), unresolved);
        if (!(aggregated instanceof Aggregate metrics) || metrics.child() != plan) {
            throw new IllegalStateException("observed metrics did not plan as one global aggregation");
        }
        if (name.isEmpty()) {
            throw invalid("MISSING_NAME", "The observed metrics should be named: CollectMetrics , "
                    + list(metrics.aggregateExpressions()) + ".");
        }
        CollectMetrics.Listener listener = null;
        if (observation != null) {
            if (plan.isStreaming()) {
                throw new IllegalArgumentException("Observation does not support streaming Datasets. This is because"
                        + " there will be multiple observed metrics as microbatches are constructed. Please register a"
                        + " StreamingQueryListener and get the metric for each microbatch.");
            }
            observation.register();
            dev.sluice.sql.types.StructType schema = metrics.schema();
            listener = (columns, row) -> observation.complete(JavaValues.toRows(List.of(row), schema).get(0));
        }
        return new CollectMetrics(name, metrics, listener, plan);
    }

    /** Spark's {@code CheckAnalysis} of an observed metric, outside aggregate functions. */
    private static void check(Expression e) {
        if (e instanceof AggregateFunction) {
            return;
        }
        if (e instanceof AttributeReference a) {
            throw invalid("NON_AGGREGATE_FUNC_ARG_IS_ATTRIBUTE", "Attribute \"" + a.name()
                    + "\" can only be used as an argument to an aggregate function.");
        }
        if (e.children().isEmpty() && !e.deterministic()) {
            throw invalid("NON_AGGREGATE_FUNC_ARG_IS_NON_DETERMINISTIC", "Non-deterministic expression \""
                    + e.sql() + "\" can only be used as an argument to an aggregate function.");
        }
        e.children().forEach(Observations::check);
    }

    private static String list(List<Expression> expressions) {
        List<String> parts = new ArrayList<>();
        expressions.forEach(x -> parts.add(x.sql()));
        return "[" + String.join(", ", parts) + "]";
    }

    private static AnalysisException invalid(String subclass, String message) {
        return new AnalysisException("INVALID_OBSERVED_METRICS." + subclass, "Invalid observed metrics. " + message,
                "42K0E");
    }
}
