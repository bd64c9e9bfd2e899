package dev.sluice.plan.logical;

import dev.sluice.batch.Chunk;
import dev.sluice.expr.AttributeReference;
import dev.sluice.spi.Scan;
import dev.sluice.spi.SupportsPushDownFilters;
import dev.sluice.spi.SupportsPushDownRequiredColumns;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

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

    /**
     * This relation over its scan restricted by {@code filters} (conjuncts in the public filter model), when the scan
     * takes filters ({@link SupportsPushDownFilters}) and uses some; otherwise this relation. The caller keeps the
     * whole filter above it: a scan may keep more rows than the filters say.
     */
    public ScanRelation pushFilters(List<dev.sluice.sql.sources.Filter> filters) {
        if (filters.isEmpty() || !(scan instanceof SupportsPushDownFilters pushdown)) {
            return this;
        }
        Scan pushed = pushdown.pushFilters(List.copyOf(filters));
        return pushed == scan ? this : withScan(pushed, output);
    }

    /**
     * This relation over a scan of only the columns {@code used} accepts, when its scan can read a subset
     * ({@link SupportsPushDownRequiredColumns}); otherwise, or when every column is used, this relation. At least one
     * column stays: a {@code count(*)} still needs the rows, and the first column stands in for them.
     */
    public ScanRelation keepOnly(Predicate<AttributeReference> used) {
        if (!(scan instanceof SupportsPushDownRequiredColumns pruning)) {
            return this;
        }
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < output.size(); i++) {
            if (used.test(output.get(i))) {
                kept.add(i);
            }
        }
        if (kept.size() == output.size()) {
            return this;
        }
        if (kept.isEmpty()) {
            kept.add(0);
        }
        Scan narrowed = pruning.pruneColumns(kept.stream().mapToInt(Integer::intValue).toArray());
        if (narrowed == scan) {
            return this;
        }
        List<AttributeReference> narrowedOutput = new ArrayList<>();
        kept.forEach(i -> narrowedOutput.add(output.get(i)));
        return withScan(narrowed, narrowedOutput);
    }

    /** The scan's rows, freshly read, chunk by chunk ({@link Scan#read()}): what the engine runs. */
    public Iterator<Chunk> read() {
        return scan.read();
    }

    /** The scan's line for plans ({@link Scan#describe()}): its pushed filters and columns, no secrets. */
    public String scanDescription() {
        return scan.describe();
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
