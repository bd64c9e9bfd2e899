package dev.sluice.exec.physical;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.exec.Binder;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import java.util.List;

/** Evaluates a projection list over each chunk as it passes (Spark's {@code ProjectExec}). */
public final class ProjectExec extends StatelessUnaryExec {
    private final List<Expression> projectList;
    private final List<Expression> bound;

    public ProjectExec(List<Expression> projectList, List<AttributeReference> output, PhysicalPlan child) {
        super(child, output);
        this.projectList = List.copyOf(projectList);
        this.bound = Binder.bindAll(projectList, child.output());
    }

    @Override
    protected boolean partitionDependent() {
        return projectList.stream().anyMatch(dev.sluice.expr.PartitionDependent::within);
    }

    public List<Expression> projectList() {
        return projectList;
    }

    @Override
    public String nodeName() {
        return "Project";
    }

    @Override
    public String argString() {
        return list(projectList);
    }

    @Override
    protected ChunkConsumer wrap(ChunkConsumer downstream) {
        return c -> downstream.accept(project(bound, c));
    }

    /** Evaluates bound projections over one chunk. */
    public static Chunk project(List<Expression> boundProjections, Chunk input) {
        ColumnVector[] columns = new ColumnVector[boundProjections.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = boundProjections.get(i).eval(input);
        }
        return new Chunk(input.rowCount(), columns);
    }
}
