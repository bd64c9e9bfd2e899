package dev.sluice.exec.physical;

import dev.sluice.batch.Chunk;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.expr.TaskPartition;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A node of a physical plan: what one operator does, with its expressions already bound to input ordinals.
 * Built once from an analyzed logical plan by {@link PhysicalPlanner} (once per action for a batch query,
 * once per query run for a streaming query) and never rebuilt per batch.
 *
 * <p>Execution is push-based: {@link #execute} pushes every output chunk of this node into a
 * {@link ChunkConsumer}. A stateless node (project, filter, generate) wraps the consumer and pushes each
 * input chunk through as it arrives, so a pipeline of such nodes streams chunk by chunk; a pipeline breaker
 * (aggregation, sort, join build) gathers what it needs from its child first, then pushes its result.
 *
 * <p>Immutable and safe to share between threads: all mutable state of one execution (hash tables, sort
 * buffers) is created inside {@link #execute} and owned by that call. Streaming stateful nodes refer to
 * their per-query-run operator, which the micro-batch engine drives from one thread.
 */
public abstract class PhysicalPlan {
    /** The columns of every chunk this node pushes, in order. */
    public abstract List<AttributeReference> output();

    public abstract List<PhysicalPlan> children();

    /** The children {@code explain()} prints under this node (a node that stands for its child prints the child's). */
    public List<PhysicalPlan> explainChildren() {
        return children();
    }

    /** The operator's name as {@code explain()} prints it (Spark's name where Spark has the operator). */
    public abstract String nodeName();

    /** What follows the name in {@code explain()} (keys, conditions, columns), or an empty string. */
    public String argString() {
        return "";
    }

    /**
     * Pushes every output row of this node, for the execution {@code context}, into {@code downstream}, then
     * returns. Chunks are pushed from the calling thread, one at a time; empty chunks may be skipped.
     */
    public abstract void execute(ExecutionContext context, ChunkConsumer downstream);

    /**
     * This node's work as independent morsels whose outputs, in order, are exactly what {@link #execute}
     * pushes: one per chunk of a scan, mapped through the stateless nodes above it. A node that cannot be
     * split (a breaker, a limit) is one morsel running {@link #execute}. The iterator is lazy (a streamed
     * scan reads its next chunk when the next morsel is taken) and is used from one thread at a time.
     */
    public Iterator<Morsel> morsels(ExecutionContext context) {
        return List.<Morsel>of(downstream -> execute(context, downstream)).iterator();
    }

    /**
     * This node's output as one morsel per partition, in partition order (see ARCHITECTURE.md, "Partitions"):
     * each morsel pushes its partition's chunks in order with the partition's {@link TaskPartition} current, so
     * partition-dependent expressions above see the partition's index and keep their state across its chunks.
     * The morsels together push exactly what {@link #execute} pushes. By default the whole output is partition
     * 0; scans of local data, exchanges and coalesces define more, stateless nodes keep their child's.
     */
    public Iterator<Morsel> partitionMorsels(ExecutionContext context) {
        return List.<Morsel>of(downstream -> execute(context, inPartition(new TaskPartition(0), downstream)))
                .iterator();
    }

    /** {@code downstream} receiving each chunk with {@code partition} current. */
    protected static ChunkConsumer inPartition(TaskPartition partition, ChunkConsumer downstream) {
        return c -> TaskPartition.run(partition, () -> downstream.accept(c));
    }

    /**
     * Every output chunk of this node, gathered in order (for pipeline breakers and actions); the morsels run
     * on the execution's worker threads when there are several.
     */
    public final List<Chunk> executeCollect(ExecutionContext context) {
        List<Chunk> out = new ArrayList<>();
        context.push(this, out::add);
        return out;
    }

    /**
     * Every output chunk of {@code child}, gathered in order for this pipeline breaker and counted in
     * {@code held} as it arrives, so a breaker that would pass the execution's memory budget fails early.
     */
    protected static List<Chunk> gather(ExecutionContext context, PhysicalPlan child, MemoryBudget.Reservation held) {
        List<Chunk> out = new ArrayList<>();
        context.push(child, c -> {
            held.add(c);
            out.add(c);
        });
        return out;
    }

    /** The indented tree, as Spark's {@code explain()} prints a physical plan. */
    public final String treeString() {
        return dev.sluice.plan.TreeText.render(this, n -> n.nodeName() + (n.argString().isEmpty() ? "" : " "
                + n.argString()), PhysicalPlan::explainChildren);
    }

    @Override
    public String toString() {
        return treeString();
    }

    /** Spark's rendering of an expression list in plans: attributes as {@code name#id}, others as SQL. */
    public static String list(List<? extends Expression> expressions) {
        List<String> parts = new ArrayList<>();
        for (Expression e : expressions) {
            parts.add(render(e));
        }
        return "[" + String.join(", ", parts) + "]";
    }

    /** One expression as plans print it. */
    public static String render(Expression e) {
        return e instanceof AttributeReference a ? a.name() + "#" + a.exprId() : e.sql();
    }
}
