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
    public java.util.Iterator<Morsel> morsels(ExecutionContext context) {
        java.util.Iterator<PhysicalPlan> rest = children.iterator();
        return new java.util.Iterator<>() {
            private java.util.Iterator<Morsel> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && rest.hasNext()) {
                    current = rest.next().morsels(context);
                }
                return current.hasNext();
            }

            @Override
            public Morsel next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /** The children's partitions one after another, renumbered from 0 (Spark's {@code UnionRDD}). */
    @Override
    public java.util.Iterator<Morsel> partitionMorsels(ExecutionContext context) {
        List<Morsel> out = new java.util.ArrayList<>();
        for (PhysicalPlan child : children) {
            child.partitionMorsels(context).forEachRemaining(m -> {
                dev.sluice.expr.TaskPartition partition = new dev.sluice.expr.TaskPartition(out.size());
                out.add(downstream -> m.run(inPartition(partition, downstream)));
            });
        }
        return out.iterator();
    }

    @Override
    public void execute(ExecutionContext context, ChunkConsumer downstream) {
        for (PhysicalPlan child : children) {
            child.execute(context, downstream);
        }
    }
}
