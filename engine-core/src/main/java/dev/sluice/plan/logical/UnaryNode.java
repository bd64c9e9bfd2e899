package dev.sluice.plan.logical;

import java.util.List;
import java.util.Objects;

/** A plan node with one input. */
public abstract class UnaryNode extends LogicalPlan {
    protected final LogicalPlan child;

    protected UnaryNode(LogicalPlan child) {
        this.child = Objects.requireNonNull(child, "child is null");
    }

    public final LogicalPlan child() {
        return child;
    }

    @Override
    public final List<LogicalPlan> children() {
        return List.of(child);
    }
}
