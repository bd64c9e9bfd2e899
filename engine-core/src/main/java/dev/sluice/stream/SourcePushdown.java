package dev.sluice.stream;

import dev.sluice.analysis.ScanPushdown;
import dev.sluice.expr.Expression;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.StreamingRelation;
import dev.sluice.plan.logical.SubqueryAlias;
import dev.sluice.spi.Source;
import dev.sluice.spi.SupportsPushDownSourceFilters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Hands each streaming source that can skip data ({@link SupportsPushDownSourceFilters}) the filters every row the
 * query keeps from it satisfies (Spark's filter pushdown into a micro-batch's {@code FileScan}): the conjuncts of the
 * {@code filter}/{@code where} conditions found above the source that the public filter model can express
 * ({@link ScanPushdown#translate}). Conservative, so that a query's rows never depend on it: only filters reached from
 * the source through projections, aliases and filters that are all deterministic count (a row dropped early must be
 * invisible to everything between: a watermark's event-time maximum, {@code observe}, a random number or a row
 * position would see it), only a source the plan reads once (a self-union or self-join reads its rows for two
 * branches), and only deterministic conditions. The plan is not changed: the engine still applies every filter.
 * Stateless.
 */
final class SourcePushdown {
    private SourcePushdown() {
    }

    /**
     * Pushes the filters of {@code plan} into the sources that take them and tells {@code incremental} what each took
     * (for {@code explain()}).
     */
    static void apply(LogicalPlan plan, List<StreamingRelation> relations, List<Source> sources,
            IncrementalPlan incremental) {
        Map<List<Long>, List<dev.sluice.sql.sources.Filter>> pushable = null;
        for (int i = 0; i < relations.size(); i++) {
            if (!(sources.get(i) instanceof SupportsPushDownSourceFilters pushdown)) {
                continue;
            }
            if (pushable == null) {
                pushable = filters(plan);
            }
            List<dev.sluice.sql.sources.Filter> filters = pushable.getOrDefault(key(relations.get(i)), List.of());
            if (!filters.isEmpty()) {
                incremental.describePushdown(relations.get(i), List.copyOf(pushdown.pushFilters(filters)));
            }
        }
    }

    /** A relation by the ids of its columns: the same relation however many times a plan was copied. */
    private static List<Long> key(StreamingRelation relation) {
        return relation.output().stream().map(a -> a.exprId()).toList();
    }

    /**
     * The filters that hold for every row kept from each streaming relation read once in {@code plan}, by
     * {@link #key}.
     */
    static Map<List<Long>, List<dev.sluice.sql.sources.Filter>> filters(LogicalPlan plan) {
        Map<List<Long>, List<Expression>> conditions = new HashMap<>();
        Map<List<Long>, StreamingRelation> relations = new HashMap<>();
        Map<List<Long>, Integer> reads = new HashMap<>();
        visit(plan, List.of(), conditions, relations, reads);
        Map<List<Long>, List<dev.sluice.sql.sources.Filter>> out = new HashMap<>();
        conditions.forEach((key, above) -> {
            StreamingRelation relation = relations.get(key);
            if (reads.get(key) != 1 || above.isEmpty()) {
                return;
            }
            LinkedHashSet<dev.sluice.sql.sources.Filter> filters = new LinkedHashSet<>();
            for (Expression condition : above) {
                filters.addAll(ScanPushdown.translate(condition, relation.output()));
            }
            if (!filters.isEmpty()) {
                out.put(key, new ArrayList<>(filters));
            }
        });
        return out;
    }

    /** {@code above}: the conditions of the filters between the root and {@code node} that may be pushed past it. */
    private static void visit(LogicalPlan node, List<Expression> above, Map<List<Long>, List<Expression>> found,
            Map<List<Long>, StreamingRelation> relations, Map<List<Long>, Integer> reads) {
        if (node instanceof StreamingRelation r) {
            reads.merge(key(r), 1, Integer::sum);
            found.put(key(r), above);
            relations.put(key(r), r);
            return;
        }
        List<Expression> below;
        if (node instanceof Filter f && f.condition().deterministic()) {
            below = new ArrayList<>(above);
            below.add(f.condition());
        } else if (node instanceof SubqueryAlias
                || node instanceof Project p && p.projectList().stream().allMatch(Expression::deterministic)) {
            below = above;
        } else {
            below = List.of(); // anything else may see (count, order, observe) the rows a filter above would drop
        }
        for (LogicalPlan child : node.children()) {
            visit(child, below, found, relations, reads);
        }
    }
}
