package dev.sluice.exec.physical;

import dev.sluice.batch.BooleanVector;
import dev.sluice.batch.Chunk;
import dev.sluice.exec.Chunks;
import dev.sluice.plan.logical.TypedFilter;
import dev.sluice.sql.Row;
import java.util.List;

/**
 * {@code filter(FilterFunction)}: keeps the rows of each chunk whose object the user predicate accepts. Streams,
 * and runs morsels in parallel (the predicate is called from several threads at once).
 */
public final class TypedFilterExec extends StatelessUnaryExec {
    private final TypedFilter logical;
    private final ObjectRows input;

    public TypedFilterExec(TypedFilter logical, PhysicalPlan child) {
        super(child, child.output());
        this.logical = logical;
        this.input = new ObjectRows(logical.deserializer(), child.output());
    }

    @Override
    public String nodeName() {
        return "Filter";
    }

    @Override
    public String argString() {
        return "<function>";
    }

    @Override
    protected ChunkConsumer wrap(ChunkConsumer downstream) {
        return c -> {
            List<Row> rows = input.rows(c);
            BooleanVector mask = new BooleanVector(rows.size());
            try {
                for (Row row : rows) {
                    mask.appendBoolean(logical.predicate().test(row));
                }
            } catch (Exception e) {
                throw ObjectRows.failure("filter", e);
            }
            Chunk kept = Chunks.select(c, mask);
            if (kept.rowCount() > 0) {
                downstream.accept(kept);
            }
        };
    }
}
