package dev.sluice.plan.logical;

import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.expr.NamedExpression;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups rows by {@code groupingExpressions} and computes {@code aggregateExpressions} (named expressions
 * over grouping expressions and aggregate functions) once per group. No grouping = one global group.
 */
public final class Aggregate extends UnaryNode {
    private final List<Expression> groupingExpressions;
    private final List<Expression> aggregateExpressions;

    public Aggregate(List<Expression> groupingExpressions, List<Expression> aggregateExpressions, LogicalPlan child) {
        super(child);
        this.groupingExpressions = List.copyOf(groupingExpressions);
        this.aggregateExpressions = List.copyOf(aggregateExpressions);
    }

    public List<Expression> groupingExpressions() {
        return groupingExpressions;
    }

    public List<Expression> aggregateExpressions() {
        return aggregateExpressions;
    }

    @Override
    public List<AttributeReference> output() {
        List<AttributeReference> out = new ArrayList<>();
        for (Expression e : aggregateExpressions) {
            out.add(((NamedExpression) e).toAttribute());
        }
        return out;
    }

    @Override
    public List<Expression> expressions() {
        List<Expression> all = new ArrayList<>(groupingExpressions);
        all.addAll(aggregateExpressions);
        return all;
    }

    @Override
    public String describe() {
        return "Aggregate " + list(groupingExpressions) + ", " + list(aggregateExpressions);
    }
}
