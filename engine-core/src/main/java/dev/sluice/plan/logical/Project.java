package dev.sluice.plan.logical;

import dev.sluice.expr.Expression;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.NamedExpression;
import java.util.ArrayList;
import java.util.List;

/** Computes one named expression per output column. */
public final class Project extends UnaryNode {
    private final List<Expression> projectList;

    /** Every element must be a {@link NamedExpression} (an attribute or an alias). */
    public Project(List<Expression> projectList, LogicalPlan child) {
        super(child);
        for (Expression e : projectList) {
            if (!(e instanceof NamedExpression)) {
                throw new IllegalArgumentException("project list item is not named: " + e.sql());
            }
        }
        this.projectList = List.copyOf(projectList);
    }

    public List<Expression> projectList() {
        return projectList;
    }

    @Override
    public List<AttributeReference> output() {
        List<AttributeReference> out = new ArrayList<>();
        for (Expression e : projectList) {
            out.add(((NamedExpression) e).toAttribute());
        }
        return out;
    }

    @Override
    public List<Expression> expressions() {
        return projectList;
    }

    @Override
    public String describe() {
        return "Project " + list(projectList);
    }
}
