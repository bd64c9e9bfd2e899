package dev.sluice.exec.physical;

import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.Generate;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.Limit;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.ScanRelation;
import dev.sluice.plan.logical.Sort;
import dev.sluice.plan.logical.SubqueryAlias;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which columns of a plan some operator reads, and scans narrowed to them (Spark's {@code ColumnPruning} into
 * a {@code SupportsPushDownRequiredColumns} scan): a Parquet scan then reads only those column chunks.
 *
 * <p>A column is used when the query's output has it, when an expression of any node refers to it, or when it
 * is below a node whose result depends on whole rows without naming columns ({@code Union}, {@code Distinct},
 * stateful and streaming operators, and any node kind not listed as known here): attribute ids are unique per
 * relation, so one set for the whole plan is exact. Stateless.
 */
final class ColumnUse {
    private ColumnUse() {
    }

    /** The expression ids of the columns some part of {@code root} reads. */
    static Set<Long> of(LogicalPlan root) {
        Set<Long> used = new HashSet<>();
        root.output().forEach(a -> used.add(a.exprId()));
        visit(root, used, new IdentityHashMap<>());
        return used;
    }

    private static void visit(LogicalPlan node, Set<Long> used, Map<LogicalPlan, Boolean> seen) {
        if (seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        List<AttributeReference> refs = new ArrayList<>();
        for (Expression e : node.expressions()) {
            e.collect(AttributeReference.class, refs);
        }
        refs.forEach(a -> used.add(a.exprId()));
        if (!namesEveryColumnItReads(node)) {
            for (LogicalPlan child : node.children()) {
                child.output().forEach(a -> used.add(a.exprId()));
            }
        }
        node.children().forEach(child -> visit(child, used, seen));
    }

    /** Node kinds whose reads of their children are all in {@code expressions()} or passed through as output. */
    private static boolean namesEveryColumnItReads(LogicalPlan node) {
        return node instanceof Project || node instanceof Filter || node instanceof Aggregate || node instanceof Sort
                || node instanceof Limit || node instanceof Join || node instanceof Generate
                || node instanceof SubqueryAlias || node instanceof ScanRelation;
    }

    /** {@code relation} over a scan of only its used columns, when its scan can prune; else itself. */
    static ScanRelation prune(ScanRelation relation, Set<Long> used) {
        return relation.keepOnly(a -> used.contains(a.exprId()));
    }
}
