package dev.sluice.analysis;

import dev.sluice.expr.Alias;
import dev.sluice.expr.Expression;
import dev.sluice.expr.aggregate.AggregateFunction;
import dev.sluice.expr.generator.Explode;
import dev.sluice.expr.window.OffsetFunction;
import dev.sluice.expr.window.RankingFunction;
import dev.sluice.expr.window.WindowExpression;
import dev.sluice.sql.AnalysisException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Checks of a resolved expression that Spark's analyzer makes before a query may run, so that a misplaced
 * window function or generator fails when the Dataset is built (with Spark's error class) rather than on
 * the first batch: window functions need an OVER clause, only aggregate and window functions may have one,
 * aggregates may not nest, and a generator may not be nested in another expression. Stateless; iterative, so deep trees cost no stack.
 */
final class ExpressionChecks {
    private ExpressionChecks() {
    }

    /** Throws the first problem found in {@code root} (a select item, condition or grouping expression). */
    static void check(Expression root) {
        Expression top = root instanceof Alias a ? a.child() : root;
        Deque<Expression[]> pending = new ArrayDeque<>();
        pending.push(new Expression[] {top, null});
        while (!pending.isEmpty()) {
            Expression[] entry = pending.pop();
            Expression e = entry[0];
            Expression parent = entry[1];
            if (e instanceof WindowExpression w && !isWindowable(w.function())) {
                throw new AnalysisException("UNSUPPORTED_EXPR_FOR_WINDOW", "Expression " + quoted(w.function())
                        + " not supported within a window function.", "42P20");
            }
            if (isWindowOnly(e) && !(parent instanceof WindowExpression)) {
                throw new AnalysisException("WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE", "Window function " + quoted(e)
                        + " requires an OVER clause.", "42601");
            }
            if (e instanceof AggregateFunction && e.children().stream()
                    .anyMatch(c -> c.exists(x -> x instanceof AggregateFunction))) {
                // e.g. avg(avg(a)) OVER (...): the inner aggregate would reach the window operator unevaluated
                throw new AnalysisException("NESTED_AGGREGATE_FUNCTION", "It is not allowed to use an aggregate"
                        + " function in the argument of another aggregate function. Please use the inner"
                        + " aggregate function in a sub-query.", "42607");
            }
            if (e instanceof Explode && parent != null) {
                throw new AnalysisException("UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS", "The generator is not"
                        + " supported: nested in expressions " + quoted(top) + ".", "42K0E");
            }
            for (Expression child : e.children()) {
                pending.push(new Expression[] {child, e});
            }
        }
    }

    private static boolean isWindowOnly(Expression e) {
        return e instanceof RankingFunction || e instanceof OffsetFunction;
    }

    private static boolean isWindowable(Expression function) {
        return function instanceof AggregateFunction || isWindowOnly(function);
    }

    /** Spark's {@code toSQLExpr}: the expression's SQL text in double quotes. */
    private static String quoted(Expression e) {
        return "\"" + e.sql() + "\"";
    }
}
