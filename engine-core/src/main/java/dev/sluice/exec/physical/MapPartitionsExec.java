package dev.sluice.exec.physical;

import dev.sluice.analysis.JavaValues;
import dev.sluice.batch.Chunk;
import dev.sluice.plan.logical.MapPartitions;
import dev.sluice.sql.Row;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A typed {@code map}/{@code flatMap}/{@code mapPartitions}: per input chunk, the deserializer's rows go through
 * the user function once and its output rows become the output chunks. Streams, and runs morsels in parallel
 * (the user function is called from several threads at once, as Spark calls it from several tasks).
 */
public final class MapPartitionsExec extends StatelessUnaryExec {
    private final MapPartitions logical;
    private final ObjectRows input;

    public MapPartitionsExec(MapPartitions logical, PhysicalPlan child) {
        super(child, logical.output());
        this.logical = logical;
        this.input = new ObjectRows(logical.deserializer(), child.output());
    }

    @Override
    public String nodeName() {
        return logical.name();
    }

    @Override
    public String argString() {
        return list(output());
    }

    @Override
    protected ChunkConsumer wrap(ChunkConsumer downstream) {
        return c -> {
            List<Row> out = new ArrayList<>();
            try {
                Iterator<Row> rows = logical.function().apply(input.rows(c).iterator());
                while (rows != null && rows.hasNext()) {
                    out.add(rows.next());
                }
            } catch (Exception e) {
                throw ObjectRows.failure(logical.name(), e);
            }
            if (!out.isEmpty()) {
                // internal values need no zone (the encoders emit java.sql and java.time instants)
                for (Chunk chunk : JavaValues.toChunks(out, logical.schema(), ZoneOffset.UTC)) {
                    downstream.accept(chunk);
                }
            }
        };
    }
}
