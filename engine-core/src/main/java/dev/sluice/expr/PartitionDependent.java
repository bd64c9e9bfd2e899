package dev.sluice.expr;

/**
 * Marks an expression whose value depends on the partition a row belongs to and on the row's position in it
 * ({@code rand(seed)}, {@code randn(seed)}, {@code monotonically_increasing_id()}, {@code spark_partition_id()}):
 * an operator evaluating one runs each partition's chunks in order under its {@link TaskPartition}. Such
 * expressions are not deterministic, so the planner neither collapses them into other projections nor pushes
 * filters through them (Spark's rules for {@code Nondeterministic} expressions).
 */
public interface PartitionDependent {
    /** Whether {@code e} or one of its descendants depends on the partition. */
    static boolean within(Expression e) {
        return e.exists(x -> x instanceof PartitionDependent);
    }
}
