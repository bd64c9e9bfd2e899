package dev.sluice.exec.physical;

import dev.sluice.batch.Chunk;
import dev.sluice.expr.AttributeReference;
import java.util.List;

/** Pushes the in-memory rows of a local relation (Spark's {@code LocalTableScanExec}). */
public final class LocalTableScanExec extends LeafExec {
    private final List<Chunk> chunks;

    public LocalTableScanExec(List<AttributeReference> output, List<Chunk> chunks) {
        super(output);
        this.chunks = List.copyOf(chunks);
    }

    @Override
    public String nodeName() {
        return "LocalTableScan";
    }

    @Override
    public String argString() {
        return list(output());
    }

    @Override
    public java.util.Iterator<Morsel> morsels(ExecutionContext context) {
        return Morsel.ofChunks(chunks);
    }

    @Override
    public void execute(ExecutionContext context, ChunkConsumer downstream) {
        for (Chunk c : chunks) {
            downstream.accept(c);
        }
    }
}
