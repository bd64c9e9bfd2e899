package dev.sluice.plan.logical;

import dev.sluice.batch.Chunk;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
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
 * <p>A scan may also implement {@link FilterPushdown}: a filter built directly over the relation (or over
 * filters over it) is then handed to the scan, which evaluates what it can in the external system (a SQL
 * {@code WHERE}); the engine still applies the whole filter above it, so a scan may return more rows than
 * the filter keeps, never fewer. The pushdown happens when the plan is built, so {@code explain()} shows it.
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

    /** Optional capability of a {@link Scan}: evaluating part of a filter where the data lives. */
    public interface FilterPushdown {
        /**
         * A scan returning only rows that may satisfy {@code condition} (a superset of them: the engine
         * re-applies the full condition), or this very scan when no part of the condition can be pushed.
         *
         * @param condition a resolved boolean expression over the relation's output attributes
         */
        Scan pushFilter(Expression condition);
    }

    private final List<AttributeReference> output;
    private final Scan scan;
    private final boolean rescanEachBatch;

    public ScanRelation(List<AttributeReference> output, Scan scan, boolean rescanEachBatch) {
        this.output = List.copyOf(output);
        this.scan = scan;
        this.rescanEachBatch = rescanEachBatch;
    }

    /**
     * {@code plan} with {@code condition} pushed into its scan when {@code plan} is a scan relation whose scan
     * implements {@link FilterPushdown}, or a {@link Filter} over such a plan; otherwise {@code plan} itself.
     * Callers keep their {@code Filter(condition)} node above the result.
     */
    public static LogicalPlan pushFilter(LogicalPlan plan, Expression condition) {
        if (plan instanceof Filter f) {
            LogicalPlan child = pushFilter(f.child(), condition);
            return child == f.child() ? plan : new Filter(f.condition(), child);
        }
        if (plan instanceof ScanRelation s && s.scan instanceof FilterPushdown pushdown) {
            Scan pushed = pushdown.pushFilter(condition);
            return pushed == s.scan ? plan : new ScanRelation(s.output, pushed, s.rescanEachBatch);
        }
        return plan;
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
