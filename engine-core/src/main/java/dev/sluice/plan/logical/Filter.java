package dev.sluice.plan.logical;

import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import java.util.List;

/** Keeps the rows for which the boolean condition is true (NULL drops the row). */
public final class Filter extends UnaryNode {
    private final Expression condition;

    public Filter(Expression condition, LogicalPlan child) {
        super(child);
        this.condition = condition;
    }

    public Expression condition() {
        return condition;
    }

    @Override
    public List<AttributeReference> output() {
        return child.output();
    }

    @Override
    public List<Expression> expressions() {
        return List.of(condition);
    }

    @Override
    public String describe() {
        return "Filter " + condition.sql();
    }
}
