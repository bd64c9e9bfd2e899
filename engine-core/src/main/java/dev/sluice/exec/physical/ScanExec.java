package dev.sluice.exec.physical;

import dev.sluice.batch.Chunk;
import dev.sluice.plan.logical.ScanRelation;

/**
 * Reads an external bounded relation (a JDBC table) each time it executes, with any filter already pushed
 * into its scan when the plan was built (Spark's {@code RowDataSourceScanExec}).
 */
public final class ScanExec extends LeafExec {
    private final ScanRelation relation;

    public ScanExec(ScanRelation relation) {
        super(relation.output());
        this.relation = relation;
    }

    /** Whether a streaming query must read this relation again for every micro-batch. */
    public boolean rescanEachBatch() {
        return relation.rescanEachBatch();
    }

    @Override
    public String nodeName() {
        return "Scan";
    }

    @Override
    public String argString() {
        return relation.scan().describe() + " " + list(relation.output())
                + (relation.rescanEachBatch() ? " (re-read each batch)" : "");
    }

    @Override
    public void execute(ExecutionContext context, ChunkConsumer downstream) {
        for (Chunk c : relation.scan().read()) {
            downstream.accept(c);
        }
    }
}
