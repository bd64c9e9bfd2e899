package dev.sluice.exec.physical;

import dev.sluice.exec.Binder;
import dev.sluice.expr.Expression;
import dev.sluice.plan.logical.Expand;
import java.util.ArrayList;
import java.util.List;

/**
 * Spark's {@code ExpandExec}: each input chunk is evaluated once per projection and every result is pushed on, so
 * each row appears once per projection. Stateless and thread-safe (each morsel's chunks are independent).
 */
public final class ExpandExec extends StatelessUnaryExec {
    private final Expand expand;
    private final List<List<Expression>> bound;

    public ExpandExec(Expand expand, PhysicalPlan child) {
        super(child, expand.output());
        this.expand = expand;
        List<List<Expression>> b = new ArrayList<>();
        for (List<Expression> p : expand.projections()) {
            b.add(Binder.bindAll(p, child.output()));
        }
        this.bound = b;
    }

    @Override
    public String nodeName() {
        return "Expand";
    }

    @Override
    public String argString() {
        return expand.describe().substring("Expand ".length());
    }

    @Override
    protected ChunkConsumer wrap(ChunkConsumer downstream) {
        return c -> {
            for (List<Expression> projection : bound) {
                downstream.accept(ProjectExec.project(projection, c));
            }
        };
    }
}
