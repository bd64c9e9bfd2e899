package dev.sluice.exec.physical;

import dev.sluice.expr.AttributeReference;
import java.util.List;
import java.util.Objects;

/** A physical node with one child; its output is fixed when built. */
public abstract class UnaryExec extends PhysicalPlan {
    private final PhysicalPlan child;
    private final List<AttributeReference> output;

    protected UnaryExec(PhysicalPlan child, List<AttributeReference> output) {
        this.child = Objects.requireNonNull(child, "child is null");
        this.output = List.copyOf(output);
    }

    public final PhysicalPlan child() {
        return child;
    }

    @Override
    public final List<AttributeReference> output() {
        return output;
    }

    @Override
    public final List<PhysicalPlan> children() {
        return List.of(child);
    }
}
