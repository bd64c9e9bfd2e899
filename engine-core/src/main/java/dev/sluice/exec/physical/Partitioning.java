package dev.sluice.exec.physical;

import dev.sluice.expr.PartitionDependent;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.Repartition;
import dev.sluice.plan.logical.Sample;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The planner's part for partitions: plans {@code Sample}, {@code Repartition} and {@code CollectMetrics} nodes, and tells when a plan
 * depends on partitions at all (only then are local data partitioned the way Spark's optimizer leaves them,
 * see {@link ResliceExec}). Stateless.
 */
final class Partitioning {
    private Partitioning() {
    }

    /** Whether some node of {@code plan} samples, repartitions or evaluates a partition-dependent expression. */
    static boolean dependsOnPartitions(LogicalPlan plan) {
        if (plan instanceof Sample || plan instanceof Repartition) {
            return true;
        }
        if (plan.expressions().stream().anyMatch(PartitionDependent::within)) {
            return true;
        }
        if (plan instanceof Project p && p.projectList().stream().anyMatch(PartitionDependent::within)) {
            return true;
        }
        if (plan instanceof Filter f && PartitionDependent.within(f.condition())) {
            return true;
        }
        return plan.children().stream().anyMatch(Partitioning::dependsOnPartitions);
    }

    /**
     * The local data at the bottom of a chain of projections, filters and aliases from {@code node} (none shared),
     * which Spark's {@code ConvertToLocalRelation} evaluates in the optimizer; null when there is none.
     */
    static LocalRelation convertedLocalData(LogicalPlan node, Predicate<LogicalPlan> shared) {
        LogicalPlan at = node;
        while (at instanceof Project || at instanceof Filter || at instanceof dev.sluice.plan.logical.SubqueryAlias) {
            at = at.children().get(0);
            if (shared.test(at)) {
                return null;
            }
        }
        return at instanceof LocalRelation r && r.localData() ? r : null;
    }

    /** The physical node of a sample or repartition node, or null for other nodes. */
    static PhysicalPlan plan(LogicalPlan node, Function<LogicalPlan, PhysicalPlan> planChild) {
        if (node instanceof Sample s) {
            return new SampleExec(s, planChild.apply(s.child()));
        }
        if (node instanceof dev.sluice.plan.logical.CollectMetrics m) {
            return new CollectMetricsExec(m, planChild.apply(m.child()));
        }
        if (!(node instanceof Repartition r)) {
            return null;
        }
        PhysicalPlan child = planChild.apply(r.child());
        return switch (r.kind()) {
            case COALESCE -> new CoalesceExec(r.numPartitions(), child);
            case SORT_WITHIN -> new SortWithinPartitionsExec(r.order(), child);
            default -> new ExchangeExec(r.kind(), r.numPartitions(), r.partitionExpressions(), r.hash(),
                    r.byColumnsOnly(), child);
        };
    }
}
