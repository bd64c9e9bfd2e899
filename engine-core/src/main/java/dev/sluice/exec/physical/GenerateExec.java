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

    /** The generated columns (the generator's output attributes). */
    public List<AttributeReference> generatedAttributes() {
        return logical.generatorOutput();
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

    /**
     * The morsels of this node for a consumer that keeps no vector of a chunk once its {@code accept} returns (a hash
     * aggregation: it copies its keys into its table and folds its arguments into buffers). A time window then
     * writes its starts and ends into arrays of the running thread reused chunk after chunk (cache-warm, and no 64 KB
     * of fresh arrays per 4,096 rows); anything else runs as {@link #morsels}. Per call, so a node shared with a
     * consumer that does keep chunks still gives that one fresh arrays.
     */
    public java.util.Iterator<Morsel> morselsForTransientConsumer(ExecutionContext context) {
        if (partitionDependent() || !operator.generatesTimeWindows()) {
            return morsels(context);
        }
        ThreadLocal<long[][]> scratch = ThreadLocal.withInitial(() -> new long[2][]);
        return Morsel.map(child().morsels(context), m -> downstream -> m.run(consumer(downstream, scratch)));
    }

    @Override
    protected ChunkConsumer wrap(ChunkConsumer downstream) {
        return consumer(downstream, null);
    }

    private ChunkConsumer consumer(ChunkConsumer downstream, ThreadLocal<long[][]> scratch) {
        return c -> {
            Chunk generated = scratch == null ? operator.execute(c) : operator.execute(c, scratch.get());
            if (generated.rowCount() > Chunk.DEFAULT_ROWS) {
                Chunks.split(generated).forEach(downstream::accept);
            } else if (generated.rowCount() > 0) {
                downstream.accept(generated);
            }
        };
    }
}
