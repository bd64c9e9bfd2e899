package dev.sluice.exec.physical;

import dev.sluice.expr.AttributeReference;
import java.util.List;

/** A physical node without children (a scan); its output is fixed when built. */
public abstract class LeafExec extends PhysicalPlan {
    private final List<AttributeReference> output;

    protected LeafExec(List<AttributeReference> output) {
        this.output = List.copyOf(output);
    }

    @Override
    public final List<AttributeReference> output() {
        return output;
    }

    @Override
    public final List<PhysicalPlan> children() {
        return List.of();
    }
}
