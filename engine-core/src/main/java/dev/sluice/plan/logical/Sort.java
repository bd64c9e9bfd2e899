package dev.sluice.plan.logical;

import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.expr.SortOrder;
import java.util.List;

/** Orders all rows by the sort keys (a stable sort: ties keep input order). */
public final class Sort extends UnaryNode {
    private final List<SortOrder> order;

    public Sort(List<SortOrder> order, LogicalPlan child) {
        super(child);
        this.order = List.copyOf(order);
    }

    public List<SortOrder> order() {
        return order;
    }

    @Override
    public List<AttributeReference> output() {
        return child.output();
    }

    @Override
    public List<Expression> expressions() {
        return List.copyOf(order);
    }

    @Override
    public String describe() {
        return "Sort " + list(order);
    }
}
