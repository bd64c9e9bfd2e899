package dev.sluice.plan.logical;

import dev.sluice.expr.AttributeReference;
import java.util.ArrayList;
import java.util.List;

/**
 * All rows of every child (UNION ALL), matched by position; children have the same column count and
 * compatible types (the API inserts casts). Output columns take the first child's names; a column is
 * nullable if it is in any child.
 */
public final class Union extends LogicalPlan {
    private final List<LogicalPlan> children;
    private final List<AttributeReference> output;

    public Union(List<LogicalPlan> children) {
        if (children.size() < 2) {
            throw new IllegalArgumentException("union needs at least two inputs");
        }
        this.children = List.copyOf(children);
        List<AttributeReference> first = children.get(0).output();
        List<AttributeReference> out = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            boolean nullable = false;
            for (LogicalPlan c : children) {
                nullable |= c.output().get(i).nullable();
            }
            out.add(first.get(i).withNullability(nullable));
        }
        this.output = out;
    }

    @Override
    public List<LogicalPlan> children() {
        return children;
    }

    @Override
    public List<AttributeReference> output() {
        return output;
    }

    @Override
    public String describe() {
        return "Union";
    }
}
