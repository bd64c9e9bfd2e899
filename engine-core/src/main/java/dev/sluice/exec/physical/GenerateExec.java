package dev.sluice.exec.physical;

import dev.sluice.batch.Chunk;
import dev.sluice.exec.GenerateOperator;
import dev.sluice.expr.Expression;
import dev.sluice.plan.logical.Generate;

/** Runs a generator ({@code explode}, {@code posexplode}, {@code inline}) over each passing chunk. */
public final class GenerateExec extends UnaryExec {
    private final Generate logical;
    private final GenerateOperator operator;

    public GenerateExec(Generate logical, PhysicalPlan child) {
        super(child, logical.output());
        this.logical = logical;
        this.operator = new GenerateOperator(logical);
    }

    @Override
    public String nodeName() {
        return "Generate";
    }

    @Override
    public String argString() {
        return ((Expression) logical.generator()).sql() + ", " + list(child().output()) + ", " + logical.outer()
                + ", " + list(logical.generatorOutput());
    }

    @Override
    public void execute(ExecutionContext context, ChunkConsumer downstream) {
        child().execute(context, c -> {
            Chunk generated = operator.execute(c);
            if (generated.rowCount() > 0) {
                downstream.accept(generated);
            }
        });
    }
}
