package dev.sluice.exec.physical;

import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.Deduplicate;
import dev.sluice.plan.logical.EventTimeWatermark;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.FlatMapGroupsWithState;
import dev.sluice.plan.logical.Generate;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.Limit;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.ScanRelation;
import dev.sluice.plan.logical.Sort;
import dev.sluice.plan.logical.SubqueryAlias;
import dev.sluice.plan.logical.Union;
import dev.sluice.plan.logical.UpdateSessions;
import dev.sluice.plan.logical.Window;
import dev.sluice.expr.Alias;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.expr.Literal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an analyzed logical plan into a physical plan: one {@code …Exec} node per operator, expressions bound
 * to input ordinals once, here. A logical subtree reached twice (a self-join or self-union of one Dataset)
 * becomes one physical node reached twice.
 *
 * <p>Batch queries use this class as it is. The micro-batch engine subclasses it and plans the streaming
 * nodes (sources, stateful operators, watermarks, stream-static joins) in {@link #planStreaming}, which is
 * asked first for every node. One planner per plan; not thread-safe.
 */
public class PhysicalPlanner {
    private final Map<LogicalPlan, PhysicalPlan> planned = new IdentityHashMap<>();
    private Map<LogicalPlan, Integer> references;
    private Set<Long> usedColumns;
    /** Whether some node's work depends on partitions (then local data is partitioned as Spark's optimizer does). */
    private boolean partitionAware;

    /** The physical plan of {@code logical}. */
    public final PhysicalPlan plan(LogicalPlan logical) {
        if (references == null) {
            references = new IdentityHashMap<>();
            countReferences(logical);
            usedColumns = ColumnUse.of(logical);
            partitionAware = Partitioning.dependsOnPartitions(logical);
        }
        PhysicalPlan done = planned.get(logical);
        if (done != null) {
            return done;
        }
        PhysicalPlan physical = planStreaming(logical);
        if (physical == null) {
            physical = planBatch(logical);
        }
        planned.put(logical, physical);
        return physical;
    }

    private void countReferences(LogicalPlan node) {
        if (references.merge(node, 1, Integer::sum) == 1) {
            node.children().forEach(this::countReferences);
        } else {
            reachedAgain(node);
        }
    }

    /**
     * Everything below a node reached twice is reached twice too: a streaming source under a shared projection
     * (a view read by both sides of a join, one of them through an aggregation) must keep its rows for both.
     */
    private void reachedAgain(LogicalPlan node) {
        for (LogicalPlan child : node.children()) {
            references.merge(child, 1, Integer::sum);
            reachedAgain(child);
        }
    }

    /** Whether the plan being planned reaches {@code node} more than once (a self-join or self-union). */
    protected final boolean shared(LogicalPlan node) {
        return references.getOrDefault(node, 0) > 1;
    }

    /** Plans a batch query: a fresh planner per action. */
    public static PhysicalPlan planQuery(LogicalPlan logical) {
        return new PhysicalPlanner().plan(logical);
    }

    /** The physical node of a streaming-specific {@code node}, or null to plan it as a batch node. */
    protected PhysicalPlan planStreaming(LogicalPlan node) {
        return null;
    }

    /**
     * A projection, with the projections right under it folded in (Spark's {@code CollapseProject}: one
     * evaluation pass instead of one per projection, and {@code explain()} shows one {@code Project}), and a
     * generator right under it pruned to the columns it reads.
     */
    private PhysicalPlan planProject(Project p) {
        List<Expression> projectList = p.projectList();
        LogicalPlan child = p.child();
        while (child instanceof Project inner && !shared(inner) && collapsible(projectList, inner.projectList())) {
            projectList = substitute(projectList, inner.projectList());
            child = inner.child();
        }
        PhysicalPlan input = child instanceof Generate g && !shared(g) ? prunedGenerate(g, projectList) : plan(child);
        return new ProjectExec(projectList, p.output(), input);
    }

    /**
     * Whether {@code outer} can be evaluated over the input of {@code inner}: every inner expression is
     * deterministic, and no computed inner column is read twice by {@code outer} (it would be computed twice).
     */
    private static boolean collapsible(List<Expression> outer, List<Expression> inner) {
        Map<Long, Integer> uses = new java.util.HashMap<>();
        for (Expression e : outer) {
            List<AttributeReference> refs = new ArrayList<>();
            e.collect(AttributeReference.class, refs);
            refs.forEach(a -> uses.merge(a.exprId(), 1, Integer::sum));
        }
        for (Expression e : inner) {
            if (!e.deterministic()) {
                return false;
            }
            if (e instanceof Alias a && !(a.child() instanceof AttributeReference || a.child() instanceof Literal)
                    && uses.getOrDefault(a.exprId(), 0) > 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code condition} can run below a projection of {@code projectList}: both deterministic, and the
     * condition reads no computed column (it would be computed twice), only columns passed through or renamed.
     */
    private static boolean pushable(Expression condition, List<Expression> projectList) {
        if (!condition.deterministic() || !projectList.stream().allMatch(Expression::deterministic)) {
            return false;
        }
        Set<Long> computed = new HashSet<>();
        for (Expression e : projectList) {
            if (e instanceof Alias a && !(a.child() instanceof AttributeReference)) {
                computed.add(a.exprId());
            }
        }
        List<AttributeReference> refs = new ArrayList<>();
        condition.collect(AttributeReference.class, refs);
        return refs.stream().noneMatch(r -> computed.contains(r.exprId()));
    }

    /** {@code outer} with references to {@code inner}'s aliases replaced by the aliased expressions. */
    private static List<Expression> substitute(List<Expression> outer, List<Expression> inner) {
        Map<Long, Alias> aliases = new java.util.HashMap<>();
        for (Expression e : inner) {
            if (e instanceof Alias a) {
                aliases.put(a.exprId(), a);
            }
        }
        List<Expression> out = new ArrayList<>();
        for (Expression e : outer) {
            if (e instanceof AttributeReference ref && aliases.containsKey(ref.exprId())) {
                Alias a = aliases.get(ref.exprId());
                out.add(new Alias(a.child(), ref.name(), ref.exprId())); // keeps the column's name and id
            } else {
                out.add(e.transformUp(x -> x instanceof AttributeReference ref && aliases.containsKey(ref.exprId())
                        ? aliases.get(ref.exprId()).child() : x));
            }
        }
        return out;
    }

    /**
     * A generator under a projection keeps only the child columns the projection reads (Spark's column pruning
     * of {@code Generate}). Planned apart from the memo: another parent of {@code g} may need every column.
     */
    private PhysicalPlan prunedGenerate(Generate g, List<Expression> projectList) {
        Set<Long> used = new HashSet<>();
        for (Expression e : projectList) {
            List<AttributeReference> refs = new ArrayList<>();
            e.collect(AttributeReference.class, refs);
            refs.forEach(a -> used.add(a.exprId()));
        }
        List<AttributeReference> required = new ArrayList<>();
        for (AttributeReference a : g.child().output()) {
            if (used.contains(a.exprId())) {
                required.add(a);
            }
        }
        return new GenerateExec(g, required, plan(g.child()));
    }

    private PhysicalPlan planBatch(LogicalPlan node) {
        if (node instanceof LocalRelation r) {
            return new LocalTableScanExec(r.output(), r.chunks(), r.numSlices());
        }
        if (partitionAware && (node instanceof Project || node instanceof Filter)) {
            LocalRelation local = Partitioning.convertedLocalData(node, this::shared);
            if (local != null && !planned.containsKey(local)) {
                // Spark's ConvertToLocalRelation: the chain runs as partition 0, its rows become local data again
                planned.put(local, new LocalTableScanExec(local.output(), local.chunks(), 1));
                PhysicalPlan chain = planBatchNode(node);
                return new ResliceExec(local.parallelism(), chain);
            }
        }
        PhysicalPlan partitioning = Partitioning.plan(node, this::plan);
        if (partitioning != null) {
            return partitioning;
        }
        return planBatchNode(node);
    }

    private PhysicalPlan planBatchNode(LogicalPlan node) {
        if (node instanceof ScanRelation s) {
            return new ScanExec(s, ColumnUse.prune(s, usedColumns));
        }
        if (node instanceof Project p) {
            return planProject(p);
        }
        if (node instanceof Filter f) {
            if (f.child() instanceof Project p && !shared(p) && pushable(f.condition(), p.projectList())) {
                // Spark's PushDownPredicates: filter first, so the projection only sees the rows kept
                Expression condition = substitute(List.of(f.condition()), p.projectList()).get(0);
                if (condition instanceof Alias a) {
                    condition = a.child(); // a boolean column renamed by the projection
                }
                return new ProjectExec(p.projectList(), p.output(), new FilterExec(condition, plan(p.child())));
            }
            return new FilterExec(f.condition(), plan(f.child()));
        }
        if (node instanceof Aggregate a) {
            return new HashAggregateExec(a, plan(a.child()));
        }
        if (node instanceof Sort s) {
            return new SortExec(s.order(), plan(s.child()));
        }
        if (node instanceof Limit l) {
            return new LimitExec(l.limit(), plan(l.child()));
        }
        if (node instanceof dev.sluice.plan.logical.Expand e) {
            return new ExpandExec(e, plan(e.child()));
        }
        if (node instanceof Union u) {
            List<PhysicalPlan> children = new ArrayList<>();
            for (LogicalPlan child : u.children()) {
                children.add(plan(child));
            }
            return new UnionExec(u.output(), children);
        }
        if (node instanceof Join j) {
            return new HashJoinExec(j, plan(j.left()), plan(j.right()));
        }
        if (node instanceof Generate g) {
            return new GenerateExec(g, plan(g.child()));
        }
        if (node instanceof UpdateSessions u) {
            return new UpdatingSessionsExec(u, plan(u.child()));
        }
        if (node instanceof Window w) {
            return new WindowExec(w, plan(w.child()));
        }
        if (node instanceof Deduplicate d) {
            return new DeduplicateExec(d, plan(d.child()));
        }
        if (node instanceof EventTimeWatermark w) {
            return plan(w.child()); // a watermark means nothing to a batch query (as Spark)
        }
        if (node instanceof SubqueryAlias s) {
            return plan(s.child());
        }
        if (node instanceof FlatMapGroupsWithState g) {
            return new FlatMapGroupsWithStateExec(g, plan(g.child()));
        }
        if (node instanceof dev.sluice.plan.logical.TransformWithState t) {
            return new TransformWithStateExec(t, plan(t.child()));
        }
        if (node instanceof dev.sluice.plan.logical.MapPartitions m) {
            return new MapPartitionsExec(m, plan(m.child()));
        }
        if (node instanceof dev.sluice.plan.logical.TypedFilter f) {
            return new TypedFilterExec(f, plan(f.child()));
        }
        throw new IllegalStateException("no physical operator for " + node.describe());
    }
}
