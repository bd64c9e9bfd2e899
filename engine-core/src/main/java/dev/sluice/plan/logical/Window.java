package dev.sluice.plan.logical;

import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.expr.NamedExpression;
import dev.sluice.expr.SortOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes window functions that share one partitioning and ordering: output is the input columns
 * followed by one column per window expression (each an alias of a {@code WindowExpression}).
 */
public final class Window extends UnaryNode {
    private final List<Expression> windowExpressions;
    private final List<Expression> partitionSpec;
    private final List<SortOrder> orderSpec;

    public Window(List<Expression> windowExpressions, List<Expression> partitionSpec, List<SortOrder> orderSpec,
                  LogicalPlan child) {
        super(child);
        this.windowExpressions = List.copyOf(windowExpressions);
        this.partitionSpec = List.copyOf(partitionSpec);
        this.orderSpec = List.copyOf(orderSpec);
    }

    public List<Expression> windowExpressions() {
        return windowExpressions;
    }

    public List<Expression> partitionSpec() {
        return partitionSpec;
    }

    public List<SortOrder> orderSpec() {
        return orderSpec;
    }

    @Override
    public List<AttributeReference> output() {
        List<AttributeReference> out = new ArrayList<>(child.output());
        for (Expression e : windowExpressions) {
            out.add(((NamedExpression) e).toAttribute());
        }
        return out;
    }

    @Override
    public List<Expression> expressions() {
        return windowExpressions;
    }

    @Override
    public String describe() {
        return "Window " + list(windowExpressions) + ", " + list(partitionSpec) + ", " + list(orderSpec);
    }
}
