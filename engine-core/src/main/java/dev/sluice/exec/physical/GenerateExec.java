package dev.sluice.exec.physical;

import dev.sluice.batch.Chunk;
import dev.sluice.exec.Chunks;
import dev.sluice.exec.GenerateOperator;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.plan.logical.Generate;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a generator ({@code explode}, {@code posexplode}, {@code inline}) over each passing chunk (Spark's
 * {@code GenerateExec}). Only the child columns needed above it are kept next to the generated ones (Spark's
 * {@code requiredChildOutput}); output chunks larger than {@link Chunk#DEFAULT_ROWS} rows are split.
 */
public final class GenerateExec extends StatelessUnaryExec {
    private final Generate logical;
    private final List<AttributeReference> requiredChildOutput;
    private final GenerateOperator operator;

    /** Keeps every child column. */
    public GenerateExec(Generate logical, PhysicalPlan child) {
        this(logical, child.output(), child);
    }

    /** Keeps the child columns of {@code requiredChildOutput}, in the child's order. */
    public GenerateExec(Generate logical, List<AttributeReference> requiredChildOutput, PhysicalPlan child) {
        super(child, concat(requiredChildOutput, logical.generatorOutput()));
        this.logical = logical;
        this.requiredChildOutput = List.copyOf(requiredChildOutput);
        this.operator = new GenerateOperator(logical, requiredChildOutput);
    }

    private static List<AttributeReference> concat(List<AttributeReference> a, List<AttributeReference> b) {
        List<AttributeReference> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Override
    public String nodeName() {
        return "Generate";
    }

    @Override
    public String argString() {
        return ((Expression) logical.generator()).sql() + ", " + list(requiredChildOutput) + ", " + logical.outer()
                + ", " + list(logical.generatorOutput());
    }

    @Override
    protected ChunkConsumer wrap(ChunkConsumer downstream) {
        return c -> {
            Chunk generated = operator.execute(c);
            if (generated.rowCount() > Chunk.DEFAULT_ROWS) {
                Chunks.split(generated).forEach(downstream::accept);
            } else if (generated.rowCount() > 0) {
                downstream.accept(generated);
            }
        };
    }
}
