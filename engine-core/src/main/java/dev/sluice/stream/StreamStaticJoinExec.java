package dev.sluice.stream;

import dev.sluice.batch.Chunk;
import dev.sluice.exec.Chunks;
import dev.sluice.exec.JoinOperator;
import dev.sluice.exec.physical.BinaryExec;
import dev.sluice.exec.physical.ChunkConsumer;
import dev.sluice.exec.physical.ExecutionContext;
import dev.sluice.exec.physical.MemoryBudget;
import dev.sluice.exec.physical.PhysicalPlan;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.ScanRelation;

/**
 * A join of a streaming side with a static (bounded) side, run as a broadcast hash join: the static side
 * is evaluated and hashed once per query run, then probed by the streaming rows of every micro-batch, so a
 * static table is read once however many batches run (Spark re-evaluates it per batch, but reads a
 * cached/broadcast relation). The one exception is a static side holding a {@link ScanRelation} with
 * {@link ScanRelation#rescanEachBatch()} (a table that changes while the query runs, e.g. JDBC with
 * {@code refreshEachBatch}): it is read and hashed again at the start of every batch.
 *
 * <p>Stateless across restarts: nothing is checkpointed, the static side is simply read again by the next
 * run. The hashed side is the only mutable field, kept for the query run; used by the query's execution
 * thread only.
 */
final class StreamStaticJoinExec extends BinaryExec {
    private final Join logical;
    private final boolean staticIsRight;
    private final boolean rescanEachBatch;
    private final JoinOperator operator;
    private JoinOperator.BuiltSide built;

    StreamStaticJoinExec(Join logical, PhysicalPlan left, PhysicalPlan right) {
        super(left, right, logical.output());
        this.logical = logical;
        this.staticIsRight = !logical.right().isStreaming();
        this.rescanEachBatch = rescansEachBatch(staticIsRight ? logical.right() : logical.left());
        this.operator = new JoinOperator(logical);
    }

    /** Whether {@code node} joins exactly one streaming side. */
    static boolean applies(LogicalPlan node) {
        return node instanceof Join j && j.left().isStreaming() != j.right().isStreaming();
    }

    private static boolean rescansEachBatch(LogicalPlan plan) {
        if (plan instanceof ScanRelation s && s.rescanEachBatch()) {
            return true;
        }
        return plan.children().stream().anyMatch(StreamStaticJoinExec::rescansEachBatch);
    }

    @Override
    public String nodeName() {
        return "BroadcastHashJoin";
    }

    @Override
    public String argString() {
        return logical.joinType() + ", static " + (staticIsRight ? "right" : "left") + " side "
                + (rescanEachBatch ? "read again each batch" : "read once per run");
    }

    @Override
    public void execute(ExecutionContext context, ChunkConsumer downstream) {
        PhysicalPlan staticSide = staticIsRight ? right() : left();
        PhysicalPlan streaming = staticIsRight ? left() : right();
        if (built == null || rescanEachBatch) {
            built = operator.build(Chunks.gather(staticSide.executeCollect(context), staticSide.output()),
                    staticIsRight);
        }
        try (MemoryBudget.Reservation held = context.memory().reserve(nodeName())) {
            Chunk rows = Chunks.gather(gather(context, streaming, held), streaming.output());
            for (Chunk c : operator.join(built, rows)) {
                downstream.accept(c);
            }
        }
    }
}
