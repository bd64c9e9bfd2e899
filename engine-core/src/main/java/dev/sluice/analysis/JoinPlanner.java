package dev.sluice.analysis;

import dev.sluice.expr.Alias;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.expr.FunctionContext;
import dev.sluice.expr.Operators;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.JoinType;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.SubqueryAlias;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The analyzer's joins (behind {@link PlanBuilder#join} and {@link PlanBuilder#joinUsing}): a join condition
 * resolved against both sides, USING columns, and Spark's {@code DeduplicateRelations} for a join whose two sides
 * come from one relation. Immutable; one per call.
 */
final class JoinPlanner {
    private final FunctionContext context;

    JoinPlanner(FunctionContext context) {
        this.context = context;
    }

    /** Joins on an arbitrary condition (null = cross). */
    LogicalPlan join(LogicalPlan left, LogicalPlan right, Expression condition, JoinType type) {
        Map<Long, AttributeReference> renamed = new java.util.HashMap<>();
        right = deduplicateRight(left, right, renamed);
        if (condition != null && !renamed.isEmpty()) {
            condition = resolveTriviallyTrueEqualities(condition, renamed);
        }
        Join probe = new Join(left, right, JoinType.INNER, null);
        Expression resolved = null;
        if (condition != null) {
            resolved = new ExpressionResolver(probe.output(), context).resolve(condition);
            PlanBuilder.checkAttributes(resolved, probe.output());
            if (!resolved.dataType().equals(DataTypes.BooleanType)) {
                throw new AnalysisException("JOIN_CONDITION_IS_NOT_BOOLEAN_TYPE", "The join condition `"
                        + resolved.sql() + "` has the invalid type \"" + resolved.dataType().sql()
                        + "\", expected \"BOOLEAN\".", "42K0E");
            }
        }
        return new Join(left, right, type, resolved);
    }

    /**
     * Spark's {@code DeduplicateRelations} for a join whose sides come from one relation (two views of one source,
     * a Dataset joined with a projection of itself): the right side's columns that have the same ids as the left's
     * are re-aliased under fresh ids, keeping their qualifier, so that {@code a.t < b.t} compares two columns
     * instead of one with itself. {@code renamed} receives old id → new column. A right side whose columns carry
     * several qualifiers (a join of aliases) is left as it is.
     */
    private static LogicalPlan deduplicateRight(LogicalPlan left, LogicalPlan right,
            Map<Long, AttributeReference> renamed) {
        java.util.Set<Long> leftIds = new java.util.HashSet<>();
        left.output().forEach(a -> leftIds.add(a.exprId()));
        List<AttributeReference> output = right.output();
        if (output.stream().noneMatch(a -> leftIds.contains(a.exprId()))) {
            return right;
        }
        java.util.Set<List<String>> qualifiers = new java.util.HashSet<>();
        output.forEach(a -> qualifiers.add(a.qualifier()));
        if (qualifiers.size() != 1 || qualifiers.iterator().next().size() > 1) {
            return right;
        }
        List<String> qualifier = qualifiers.iterator().next();
        List<Expression> projections = new ArrayList<>();
        for (AttributeReference a : output) {
            if (leftIds.contains(a.exprId())) {
                AttributeReference fresh = renamed.computeIfAbsent(a.exprId(), id -> a.newInstance());
                projections.add(new Alias(a, a.name(), fresh.exprId()));
            } else {
                projections.add(a);
            }
        }
        LogicalPlan deduplicated = new Project(projections, right);
        return qualifier.isEmpty() ? deduplicated : new SubqueryAlias(qualifier.get(0), deduplicated);
    }

    /**
     * Spark's rule for a Dataset joined with itself ({@code dataFrameSelfJoinAutoResolveAmbiguity}): an equality
     * of a column with itself, {@code df.col("k").equalTo(df2.col("k"))} where both name one column, compares the
     * left side's column with the right side's renamed one.
     */
    private static Expression resolveTriviallyTrueEqualities(Expression condition,
            Map<Long, AttributeReference> renamed) {
        return condition.transformUp(e -> {
            // Column.equalTo builds an unresolved "=" call; a resolved condition holds a Comparison
            boolean equality = e instanceof dev.sluice.expr.Comparison c
                    && (c.op() == dev.sluice.expr.Comparison.Op.EQUAL
                    || c.op() == dev.sluice.expr.Comparison.Op.NULL_SAFE_EQUAL)
                    || e instanceof dev.sluice.expr.UnresolvedFunction f
                    && List.of("=", "==", "<=>").contains(f.name());
            if (equality && e.children().size() == 2
                    && e.children().get(0) instanceof AttributeReference l
                    && e.children().get(1) instanceof AttributeReference r
                    && l.exprId() == r.exprId() && renamed.containsKey(r.exprId())) {
                AttributeReference fresh = renamed.get(r.exprId());
                return e.withNewChildren(List.of(l, new AttributeReference(r.name(), r.dataType(), r.nullable(),
                        fresh.exprId(), fresh.qualifier())));
            }
            return e;
        });
    }

    /** Joins on equally named columns; each appears once in the output, first. */
    LogicalPlan joinUsing(LogicalPlan left, LogicalPlan right, List<String> columns, JoinType type) {
        right = deduplicateRight(left, right, new java.util.HashMap<>());
        ExpressionResolver leftResolver = new ExpressionResolver(left.output(), context);
        ExpressionResolver rightResolver = new ExpressionResolver(right.output(), context);
        Expression condition = null;
        List<AttributeReference> leftKeys = new ArrayList<>();
        List<AttributeReference> rightKeys = new ArrayList<>();
        for (String column : columns) {
            AttributeReference l = usingColumn(leftResolver, column, "left");
            AttributeReference r = usingColumn(rightResolver, column, "right");
            leftKeys.add(l);
            rightKeys.add(r);
            Expression eq = Operators.comparison(dev.sluice.expr.Comparison.Op.EQUAL, l, r, context);
            condition = condition == null ? eq : new dev.sluice.expr.Logical(true, condition, eq);
        }
        Join join = new Join(left, right, type, condition);
        List<Expression> projections = new ArrayList<>();
        for (int i = 0; i < leftKeys.size(); i++) {
            AttributeReference l = leftKeys.get(i);
            AttributeReference r = rightKeys.get(i);
            if (type == JoinType.RIGHT_OUTER) {
                projections.add(r);
            } else if (type == JoinType.FULL_OUTER) {
                projections.add(new Alias(dev.sluice.expr.FunctionRegistry.builtin().build("coalesce",
                        List.of(l.withNullability(true), r.withNullability(true)), context), l.name()));
            } else {
                projections.add(l);
            }
        }
        for (AttributeReference a : join.output()) {
            boolean isKey = leftKeys.stream().anyMatch(k -> k.exprId() == a.exprId())
                    || rightKeys.stream().anyMatch(k -> k.exprId() == a.exprId());
            if (!isKey) {
                projections.add(a);
            }
        }
        List<Expression> bound = new ArrayList<>();
        for (Expression p : projections) {
            bound.add(p instanceof AttributeReference a ? join.output().stream()
                    .filter(o -> o.exprId() == a.exprId()).findFirst().orElse(a) : p);
        }
        return new Project(bound, join);
    }

    private static AttributeReference usingColumn(ExpressionResolver resolver, String column, String side) {
        Expression e = resolver.resolveName(List.of(column));
        if (!(e instanceof AttributeReference a)) {
            throw new AnalysisException("UNRESOLVED_USING_COLUMN_FOR_JOIN", "USING column `" + column
                    + "` cannot be resolved on the " + side + " side of the join.", "42703");
        }
        return a;
    }
}
