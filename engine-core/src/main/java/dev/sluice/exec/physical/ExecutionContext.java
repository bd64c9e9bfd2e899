package dev.sluice.exec.physical;

import dev.sluice.batch.Chunk;
import dev.sluice.expr.QueryTime;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What one execution of a physical plan shares: the query time that clock functions return, and the
 * results of nodes that must run at most once per execution although a plan may reach them twice (a
 * stateful streaming operator under a self-union). One per action of a batch query, one per micro-batch of
 * a streaming query (the micro-batch engine's subclass adds the batch's input rows and watermarks).
 * Confined to the thread that executes the plan.
 */
public class ExecutionContext {
    private final long queryTimeMicros;
    private final Map<PhysicalPlan, List<Chunk>> onceResults = new IdentityHashMap<>();

    /** An execution whose {@code current_timestamp()} is {@code queryTimeMicros}. */
    public ExecutionContext(long queryTimeMicros) {
        this.queryTimeMicros = queryTimeMicros;
    }

    /** An execution at the wall clock's current time. */
    public static ExecutionContext now() {
        return new ExecutionContext(System.currentTimeMillis() * 1000L);
    }

    public final long queryTimeMicros() {
        return queryTimeMicros;
    }

    /** Runs {@code plan} on the calling thread and gathers its output chunks in order. */
    public final List<Chunk> collect(PhysicalPlan plan) {
        return QueryTime.with(queryTimeMicros, () -> plan.executeCollect(this));
    }

    /** Runs {@code plan} on the calling thread, pushing its output into {@code downstream}. */
    public final void run(PhysicalPlan plan, ChunkConsumer downstream) {
        QueryTime.with(queryTimeMicros, () -> {
            plan.execute(this, downstream);
            return null;
        });
    }

    /**
     * The output of {@code node} for this execution: computed by {@code compute} the first time the node is
     * reached, the same chunks afterwards.
     */
    public final List<Chunk> once(PhysicalPlan node, Supplier<List<Chunk>> compute) {
        List<Chunk> done = onceResults.get(node);
        if (done == null) {
            done = compute.get();
            onceResults.put(node, done);
        }
        return done;
    }
}
