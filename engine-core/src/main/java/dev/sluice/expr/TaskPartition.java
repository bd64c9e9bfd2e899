package dev.sluice.expr;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The partition whose rows the current thread is evaluating, as Spark's {@code TaskContext.partitionId()} and
 * {@code Nondeterministic.initialize(partitionIndex)}: partition-dependent expressions ({@code rand(seed)},
 * {@code randn(seed)}, {@code monotonically_increasing_id()}, {@code spark_partition_id()}) and samplers read
 * the index and keep their per-partition state (a generator, a row counter) here, created on first use. The
 * executor sets one for each partition it pushes through such an operator and runs the partition's chunks in
 * order on that thread, so the state advances row by row as Spark's does (see ARCHITECTURE.md, "Partitions").
 * Thread-confined: one instance is used by one thread at a time.
 */
public final class TaskPartition {
    private static final ThreadLocal<TaskPartition> CURRENT = new ThreadLocal<>();
    private final int index;
    private final Map<Object, Object> states = new IdentityHashMap<>();

    public TaskPartition(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("partition index must be >= 0: " + index);
        }
        this.index = index;
    }

    /** This partition's index (what {@code spark_partition_id()} returns). */
    public int index() {
        return index;
    }

    /** The state {@code owner} (an expression or operator) keeps for this partition, made by {@code init} once. */
    @SuppressWarnings("unchecked")
    public <T> T state(Object owner, Supplier<T> init) {
        return (T) states.computeIfAbsent(owner, k -> init.get());
    }

    /** The partition the current thread evaluates; a fresh partition 0 outside one (a constant evaluation). */
    public static TaskPartition current() {
        TaskPartition p = CURRENT.get();
        return p != null ? p : new TaskPartition(0);
    }

    /** Runs {@code action} with {@code partition} as the current one (restoring the outer one after). */
    public static void run(TaskPartition partition, Runnable action) {
        TaskPartition previous = CURRENT.get();
        CURRENT.set(partition);
        try {
            action.run();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
