package dev.sluice.stream;

import dev.sluice.batch.Chunk;
import dev.sluice.exec.physical.ChunkConsumer;
import dev.sluice.exec.physical.ExecutionContext;
import dev.sluice.exec.physical.LeafExec;
import dev.sluice.exec.physical.Morsel;
import dev.sluice.plan.logical.StreamingRelation;
import java.util.List;

/**
 * Pushes the current micro-batch's rows of one streaming source (Spark's {@code MicroBatchScanExec}), chunk by
 * chunk as the source reads them; one morsel per chunk.
 */
final class MicroBatchScanExec extends LeafExec {
    private final StreamingRelation relation;
    private final boolean shared;
    /** The filters the source took ({@link SourcePushdown}); set once when the query starts. */
    private volatile List<dev.sluice.sql.sources.Filter> pushed = List.of();

    /** {@code shared}: whether the plan reaches this source twice (its rows are then kept for the batch). */
    MicroBatchScanExec(StreamingRelation relation, boolean shared) {
        super(relation.output());
        this.relation = relation;
        this.shared = shared;
    }

    @Override
    public String nodeName() {
        return "MicroBatchScan" + list(relation.output()); // Spark prints the columns right after the name
    }

    @Override
    public String argString() {
        List<dev.sluice.sql.sources.Filter> filters = pushed;
        // Spark's FileScan line names its pushed filters the same way: PushedFilters: [GreaterThan(id,150)]
        return filters.isEmpty() ? relation.description() : relation.description() + ", PushedFilters: " + filters;
    }

    /** The filters the source of this scan took. */
    void pushedFilters(List<dev.sluice.sql.sources.Filter> filters) {
        pushed = List.copyOf(filters);
    }

    @Override
    public java.util.Iterator<Morsel> morsels(ExecutionContext context) {
        return Morsel.ofChunks(rows(context));
    }

    @Override
    public void execute(ExecutionContext context, ChunkConsumer downstream) {
        rows(context).forEachRemaining(downstream::accept);
    }

    private java.util.Iterator<Chunk> rows(ExecutionContext context) {
        MicroBatchContext batch = MicroBatchContext.of(context);
        return shared ? batch.all(relation).iterator() : batch.stream(relation);
    }
}
