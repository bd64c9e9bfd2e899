package dev.sluice.plan.logical;

import dev.sluice.expr.AttributeReference;
import dev.sluice.spi.Scan;
import java.util.List;

/**
 * A bounded leaf whose rows are read by a connector's {@link Scan} each time the plan runs (a JDBC table, a
 * folder of files), rather than held in memory like {@link LocalRelation}.
 *
 * <p>In a batch query the scan runs once per action. As the static side of a stream-static join, the
 * micro-batch engine reads it once per query run and reuses the rows for every batch, unless
 * {@link #rescanEachBatch()} is true (a table that changes while the query runs, e.g. JDBC with
 * {@code refreshEachBatch}); then it is read again at the start of every batch.
 *
 * <p>Filters and column pruning reach the scan through its optional SPI capabilities when the plan is built
 * ({@code dev.sluice.analysis.ScanPushdown}), which replace this node by one over the narrowed scan.
 *
 * <p>Immutable.
 */
public final class ScanRelation extends LogicalPlan {
    private final List<AttributeReference> output;
    private final Scan scan;
    private final boolean rescanEachBatch;

    /**
     * @param output one attribute per column of {@code scan}, in order
     * @param scan the connector's scan
     * @param rescanEachBatch whether a streaming query must read it again for every micro-batch
     */
    public ScanRelation(List<AttributeReference> output, Scan scan, boolean rescanEachBatch) {
        this.output = List.copyOf(output);
        this.scan = scan;
        this.rescanEachBatch = rescanEachBatch;
    }

    /** This relation over {@code narrowed}, whose columns are {@code output} (a subset of this one's, in order). */
    public ScanRelation withScan(Scan narrowed, List<AttributeReference> narrowedOutput) {
        return new ScanRelation(narrowedOutput, narrowed, rescanEachBatch);
    }

    public Scan scan() {
        return scan;
    }

    /** Whether a streaming query must read this relation again for every micro-batch. */
    public boolean rescanEachBatch() {
        return rescanEachBatch;
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
        return "Relation " + scan.describe() + " " + list(output) + (rescanEachBatch ? " (re-read each batch)" : "");
    }
}
