package dev.sluice.plan.logical;

import dev.sluice.batch.Chunk;
import dev.sluice.expr.AttributeReference;
import java.util.List;

/**
 * A bounded leaf whose rows are read from an external system each time the plan runs (a JDBC table, for
 * instance), rather than held in memory like {@link LocalRelation}.
 *
 * <p>In a batch query the scan runs once per action. As the static side of a stream-static join, the
 * micro-batch engine reads it once per query run and reuses the rows for every batch, unless
 * {@link #rescanEachBatch()} is true (a table that changes while the query runs, e.g. JDBC with
 * {@code refreshEachBatch}); then it is read again at the start of every batch.
 *
 * <p>Immutable. The {@link Scan} must be safe to call from any thread, one call at a time per plan run.
 */
public final class ScanRelation extends LogicalPlan {
    /** Reads the relation's rows; every chunk has the relation's columns in order. */
    public interface Scan {
        /** All rows, freshly read. Errors name the external object (table, query) and never carry secrets. */
        List<Chunk> read();

        /** One line for plans and {@code explain()}, free of secrets (no passwords, no credentials in URLs). */
        String describe();
    }

    private final List<AttributeReference> output;
    private final Scan scan;
    private final boolean rescanEachBatch;

    public ScanRelation(List<AttributeReference> output, Scan scan, boolean rescanEachBatch) {
        this.output = List.copyOf(output);
        this.scan = scan;
        this.rescanEachBatch = rescanEachBatch;
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
