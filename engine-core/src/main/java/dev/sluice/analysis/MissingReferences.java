package dev.sluice.analysis;

import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.plan.logical.Deduplicate;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.Sort;
import dev.sluice.plan.logical.SubqueryAlias;
import dev.sluice.plan.logical.UnaryNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Spark's {@code ResolveMissingReferences}: a sort or filter over a projection may name columns the projection
 * dropped ({@code SELECT a FROM t ORDER BY b}, {@code df.select("a").orderBy("b")}). Those columns are added to
 * the projections in between, the operator runs over the widened plan, and a projection on top gives back the
 * original columns. The search goes down through projections, filters, sorts, relation aliases and the Dataset
 * API's {@code distinct()}/{@code dropDuplicates} (which stay keyed by their own columns, as Spark's
 * {@code Deduplicate}); an aggregation stops it, and SQL's {@code DISTINCT} is not searched through (Spark's
 * {@code Distinct} node), which {@code SqlPlanner} keeps by sorting on the select list only. Stateless.
 */
final class MissingReferences {
    private MissingReferences() {
    }

    /** {@code plan}'s output, then the columns below it that widening could bring up. */
    static List<AttributeReference> reachable(LogicalPlan plan) {
        List<AttributeReference> out = new ArrayList<>(plan.output());
        LogicalPlan at = plan;
        while (passesThrough(at)) {
            at = ((UnaryNode) at).child();
            for (AttributeReference a : at.output()) {
                if (indexOf(out, a) < 0) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /** The columns {@code e} reads that {@code plan} does not output. */
    static List<AttributeReference> missing(Expression e, LogicalPlan plan) {
        List<AttributeReference> refs = new ArrayList<>();
        e.collect(AttributeReference.class, refs);
        List<AttributeReference> out = new ArrayList<>();
        for (AttributeReference a : refs) {
            if (indexOf(plan.output(), a) < 0 && indexOf(out, a) < 0) {
                out.add(a);
            }
        }
        return out;
    }

    /** {@code plan} with the {@code missing} columns added to its output, or null when one cannot be reached. */
    static LogicalPlan addMissing(LogicalPlan plan, List<AttributeReference> missing) {
        List<AttributeReference> absent = new ArrayList<>();
        for (AttributeReference a : missing) {
            if (indexOf(plan.output(), a) < 0) {
                absent.add(a);
            }
        }
        if (absent.isEmpty()) {
            return plan;
        }
        LogicalPlan child = passesThrough(plan) ? addMissing(((UnaryNode) plan).child(), absent) : null;
        if (child == null) {
            return null;
        }
        if (plan instanceof Project p) {
            List<Expression> list = new ArrayList<>(p.projectList());
            for (AttributeReference a : absent) {
                list.add(child.output().get(indexOf(child.output(), a)));
            }
            return new Project(list, child);
        }
        if (plan instanceof Filter f) {
            return new Filter(f.condition(), child);
        }
        if (plan instanceof Sort s) {
            return new Sort(s.order(), child);
        }
        if (plan instanceof Deduplicate d) {
            return new Deduplicate(d.keys(), d.withinWatermark(), child); // still keyed by its own columns
        }
        return new SubqueryAlias(((SubqueryAlias) plan).alias(), child);
    }

    private static boolean passesThrough(LogicalPlan plan) {
        return plan instanceof Project || plan instanceof Filter || plan instanceof Sort || plan instanceof SubqueryAlias
                || plan instanceof Deduplicate;
    }

    private static int indexOf(List<AttributeReference> columns, AttributeReference a) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).exprId() == a.exprId()) {
                return i;
            }
        }
        return -1;
    }
}
