package dev.sluice.exec.physical;

import dev.sluice.expr.AttributeReference;
import java.util.List;

/** The rows of each child in turn, by position (Spark's {@code UnionExec}); output attributes of the first. */
public final class UnionExec extends PhysicalPlan {
    private final List<AttributeReference> output;
    private final List<PhysicalPlan> children;

    public UnionExec(List<AttributeReference> output, List<PhysicalPlan> children) {
        this.output = List.copyOf(output);
        this.children = List.copyOf(children);
    }

    @Override
    public List<AttributeReference> output() {
        return output;
    }

    @Override
    public List<PhysicalPlan> children() {
        return children;
    }

    @Override
    public String nodeName() {
        return "Union";
    }

    @Override
    public List<Morsel> morsels(ExecutionContext context) {
        List<Morsel> all = new java.util.ArrayList<>();
        for (PhysicalPlan child : children) {
            all.addAll(child.morsels(context));
        }
        return all;
    }

    @Override
    public void execute(ExecutionContext context, ChunkConsumer downstream) {
        for (PhysicalPlan child : children) {
            child.execute(context, downstream);
        }
    }
}
