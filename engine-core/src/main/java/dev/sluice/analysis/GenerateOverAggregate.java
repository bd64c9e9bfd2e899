package dev.sluice.analysis;

import dev.sluice.expr.Alias;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.expr.generator.Explode;
import dev.sluice.plan.logical.LogicalPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans {@code SELECT explode(collect_list(a)), count(1) FROM t}: as Spark's {@code ExtractGenerator}, the
 * aggregate runs first (each generator's input becomes an aggregate output column) and the generator is applied
 * to its one result row. Stateless; used by {@link PlanBuilder#project}.
 */
final class GenerateOverAggregate {
    private GenerateOverAggregate() {
    }

    /** Whether a select item is an {@code explode}-family generator, aliased or not. */
    static boolean isExplode(Expression e) {
        return (e instanceof Alias a ? a.child() : e) instanceof Explode;
    }

    /** The Generate-over-Aggregate plan of resolved select items, at least one of them an aggregate. */
    static LogicalPlan plan(PlanBuilder builder, LogicalPlan child, List<Expression> resolved) {
        List<Expression> aggregated = new ArrayList<>();
        for (Expression e : resolved) {
            if (isExplode(e)) {
                Explode g = (Explode) (e instanceof Alias a ? a.child() : e);
                aggregated.add(new Alias(g.child(), g.child().sql()));
            } else {
                aggregated.add(e);
            }
        }
        LogicalPlan aggregate = builder.aggregateResolved(child, List.of(), aggregated);
        List<Expression> projected = new ArrayList<>();
        for (int i = 0; i < resolved.size(); i++) {
            AttributeReference column = aggregate.output().get(i);
            Expression e = resolved.get(i);
            if (isExplode(e)) {
                Explode g = (Explode) (e instanceof Alias a ? a.child() : e);
                Expression regenerated = g.withNewChildren(List.of(column));
                projected.add(e instanceof Alias a ? new Alias(regenerated, a.name()) : regenerated);
            } else {
                projected.add(column);
            }
        }
        return builder.project(aggregate, projected);
    }
}
