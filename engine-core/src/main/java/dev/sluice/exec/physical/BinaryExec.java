package dev.sluice.exec.physical;

import dev.sluice.expr.AttributeReference;
import java.util.List;
import java.util.Objects;

/** A physical node with two children (a join); its output is fixed when built. */
public abstract class BinaryExec extends PhysicalPlan {
    private final PhysicalPlan left;
    private final PhysicalPlan right;
    private final List<AttributeReference> output;

    protected BinaryExec(PhysicalPlan left, PhysicalPlan right, List<AttributeReference> output) {
        this.left = Objects.requireNonNull(left, "left is null");
        this.right = Objects.requireNonNull(right, "right is null");
        this.output = List.copyOf(output);
    }

    public final PhysicalPlan left() {
        return left;
    }

    public final PhysicalPlan right() {
        return right;
    }

    @Override
    public final List<AttributeReference> output() {
        return output;
    }

    @Override
    public final List<PhysicalPlan> children() {
        return List.of(left, right);
    }
}
