package dev.sluice.exec.physical;

import dev.sluice.batch.Chunk;
import dev.sluice.expr.QueryTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What one execution of a physical plan shares: the query time that clock functions return, and the
 * results of nodes that must run at most once per execution although a plan may reach them twice (a
 * stateful streaming operator under a self-union). One per action of a batch query, one per micro-batch of
 * a streaming query (the micro-batch engine's subclass adds the batch's input rows and watermarks).
 * Created and driven by the thread that executes the plan; worker threads only read its fields.
 */
public class ExecutionContext {
    private final long queryTimeMicros;
    private final int parallelism;
    private final MemoryBudget memory;
    /** Plan nodes don't override equals: keys compare by identity. */
    private final Map<PhysicalPlan, CompletableFuture<List<Chunk>>> onceResults = new ConcurrentHashMap<>();
    /** The metrics of {@code observe} nodes that completed in this execution, by name, in completion order. */
    private final Map<String, ObservedMetrics> observed = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());

    /** One completed {@code observe} node's metrics: the result columns and their one-row chunk. */
    public record ObservedMetrics(List<dev.sluice.expr.AttributeReference> columns, Chunk row) {
    }

    /**
     * An execution whose {@code current_timestamp()} is {@code queryTimeMicros}, running pipelines on up to
     * {@code parallelism} threads (the session's {@code local[N]}).
     */
    public ExecutionContext(long queryTimeMicros, int parallelism) {
        this(queryTimeMicros, parallelism, new MemoryBudget(MemoryBudget.defaultBytes()));
    }

    /** As {@link #ExecutionContext(long, int)}, holding at most {@code memory} in gathered rows. */
    public ExecutionContext(long queryTimeMicros, int parallelism, MemoryBudget memory) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
        this.queryTimeMicros = queryTimeMicros;
        this.parallelism = parallelism;
        this.memory = java.util.Objects.requireNonNull(memory, "memory is null");
    }

    /** An execution at the wall clock's current time, within {@code memory}. */
    public static ExecutionContext now(int parallelism, MemoryBudget memory) {
        return new ExecutionContext(System.currentTimeMillis() * 1000L, parallelism, memory);
    }

    /** What this execution may hold in gathered rows. */
    public final MemoryBudget memory() {
        return memory;
    }

    public final long queryTimeMicros() {
        return queryTimeMicros;
    }

    /** The most threads a pipeline of this execution runs on. */
    public final int parallelism() {
        return parallelism;
    }

    /** Records the metrics of the {@code observe} node named {@code name} (the last one wins, as Spark's map). */
    final void recordMetrics(String name, List<dev.sluice.expr.AttributeReference> columns, Chunk row) {
        observed.put(name, new ObservedMetrics(columns, row));
    }

    /** The metrics of the {@code observe} nodes that completed in this execution, by name. */
    public final Map<String, ObservedMetrics> observedMetrics() {
        synchronized (observed) {
            return Map.copyOf(observed);
        }
    }

    /** Runs {@code plan} and gathers its output chunks in order. */
    public final List<Chunk> collect(PhysicalPlan plan) {
        return QueryTime.with(queryTimeMicros, () -> plan.executeCollect(this));
    }

    /**
     * Runs {@code plan}, pushing its output into {@code downstream} in order, from the calling thread; the
     * plan's morsels run on worker threads when it splits into several.
     */
    public final void run(PhysicalPlan plan, ChunkConsumer downstream) {
        QueryTime.with(queryTimeMicros, () -> {
            push(plan, downstream);
            return null;
        });
    }

    /**
     * Pushes {@code plan}'s output into {@code downstream}, in the order a single-threaded run produces it:
     * on worker threads, morsel by morsel, when the plan splits into morsels and this execution may use more
     * than one thread; on the calling thread otherwise.
     */
    final void push(PhysicalPlan plan, ChunkConsumer downstream) {
        if (parallelism > 1 && !WorkerPool.onWorker()) {
            java.util.Iterator<Morsel> morsels = plan.morsels(this);
            if (!morsels.hasNext()) {
                return;
            }
            Morsel first = morsels.next();
            if (!morsels.hasNext()) {
                first.run(downstream); // one morsel (a breaker): run it here, so it can open its own region
                return;
            }
            ParallelRunner.runOrdered(this, Morsel.prepend(first, morsels), downstream);
            return;
        }
        plan.execute(this, downstream);
    }

    /**
     * Runs {@code body(i)} for every {@code i} in {@code [0, count)}, on up to {@link #parallelism()} worker
     * threads when this thread may open a parallel region, else on this thread in index order; returns when
     * every call has returned. The first failure is rethrown here, after the other calls stopped. Calls for
     * different indexes must touch disjoint mutable state (e.g. one state partition each).
     */
    public final void parallelFor(int count, java.util.function.IntConsumer body) {
        if (parallelism > 1 && count > 1 && !WorkerPool.onWorker()) {
            ParallelRunner.forEachIndex(this, count, body);
            return;
        }
        for (int i = 0; i < count; i++) {
            body.accept(i);
        }
    }

    /**
     * The output of {@code node} for this execution: computed by {@code compute} the first time the node is
     * reached, the same chunks afterwards, also when two morsels on different threads reach it at once.
     */
    public final List<Chunk> once(PhysicalPlan node, Supplier<List<Chunk>> compute) {
        CompletableFuture<List<Chunk>> mine = new CompletableFuture<>();
        CompletableFuture<List<Chunk>> first = onceResults.putIfAbsent(node, mine);
        if (first != null) {
            // computed, or being computed by another morsel's thread: wait for it (it never waits on us)
            try {
                return first.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            List<Chunk> result = compute.get();
            mine.complete(result);
            return result;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        }
    }
}
