package dev.sluice.stream;

import dev.sluice.batch.Chunk;
import dev.sluice.exec.BatchExecutor;
import dev.sluice.exec.JoinOperator;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.ScanRelation;
import java.util.List;
import java.util.function.Function;

/**
 * A join of a streaming side with a static (bounded) side, run as a broadcast hash join: the static side
 * is evaluated and hashed once per query run, then probed by the streaming rows of every micro-batch, so a
 * static table is read once however many batches run (Spark re-evaluates it per batch, but reads a
 * cached/broadcast relation). The one exception is a static side holding a {@link ScanRelation} with
 * {@link ScanRelation#rescanEachBatch()} (a table that changes while the query runs, e.g. JDBC with
 * {@code refreshEachBatch}): it is read and hashed again at the start of every batch.
 *
 * <p>Stateless across restarts: nothing is checkpointed, the static side is simply read again by the next
 * run. Used by the query's execution thread only.
 */
final class StreamStaticJoin {
    private final Join join;
    private final boolean staticIsRight;
    private final boolean rescanEachBatch;
    private final JoinOperator operator;
    private JoinOperator.BuiltSide built;

    StreamStaticJoin(Join join) {
        this.join = join;
        this.staticIsRight = !join.right().isStreaming();
        this.rescanEachBatch = rescansEachBatch(staticIsRight ? join.right() : join.left());
        this.operator = new JoinOperator(join);
    }

    /** Whether this join has exactly one streaming side. */
    static boolean applies(LogicalPlan node) {
        return node instanceof Join j && j.left().isStreaming() != j.right().isStreaming();
    }

    private static boolean rescansEachBatch(LogicalPlan plan) {
        if (plan instanceof ScanRelation s && s.rescanEachBatch()) {
            return true;
        }
        return plan.children().stream().anyMatch(StreamStaticJoin::rescansEachBatch);
    }

    /** One line for {@code explain()}. */
    String describe() {
        return "BroadcastHashJoin " + join.joinType() + ", static " + (staticIsRight ? "right" : "left") + " side "
                + (rescanEachBatch ? "read again each batch" : "read once per run");
    }

    LogicalPlan streamingSide() {
        return staticIsRight ? join.left() : join.right();
    }

    /** Joins one batch's rows of the streaming side ({@code run} evaluates the streaming subtree). */
    List<Chunk> execute(Function<LogicalPlan, List<Chunk>> run) {
        if (built == null || rescanEachBatch) {
            LogicalPlan staticSide = staticIsRight ? join.right() : join.left();
            Chunk rows = BatchExecutor.concat(new BatchExecutor().execute(staticSide), staticSide.output());
            built = operator.build(rows, staticIsRight);
        }
        LogicalPlan streaming = streamingSide();
        return operator.join(built, BatchExecutor.concat(run.apply(streaming), streaming.output()));
    }
}
