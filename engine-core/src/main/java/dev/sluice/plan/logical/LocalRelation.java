package dev.sluice.plan.logical;

import dev.sluice.batch.Chunk;
import dev.sluice.expr.AttributeReference;
import java.util.List;

/** In-memory rows (from {@code createDataFrame} or a batch read): a leaf holding its chunks. */
public final class LocalRelation extends LogicalPlan {
    private final List<AttributeReference> output;
    private final List<Chunk> chunks;

    public LocalRelation(List<AttributeReference> output, List<Chunk> chunks) {
        this.output = List.copyOf(output);
        this.chunks = List.copyOf(chunks);
        for (Chunk c : chunks) {
            if (c.columnCount() != output.size()) {
                throw new IllegalArgumentException("chunk has " + c.columnCount() + " columns, relation " + output.size());
            }
        }
    }

    public List<Chunk> chunks() {
        return chunks;
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of();
    }

    @Override
    public List<AttributeReference> output() {
        return output;
    }

    @Override
    public String describe() {
        return "LocalRelation " + list(output);
    }
}
