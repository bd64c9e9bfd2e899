package dev.sluice.plan.logical;

import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import dev.sluice.expr.SortOrder;
import java.util.List;

/**
 * Sets the partitioning of its input without changing its rows (Spark's {@code Repartition},
 * {@code RepartitionByExpression} and the {@code Sort(global = false)} of {@code sortWithinPartitions}):
 * <ul>
 *   <li>{@link Kind#ROUND_ROBIN}: {@code repartition(n)}, rows dealt to {@code n} partitions in turn;</li>
 *   <li>{@link Kind#HASH}: {@code repartition(n, cols)}, a row goes to {@code pmod(murmur3(cols, 42), n)};</li>
 *   <li>{@link Kind#RANGE}: {@code repartitionByRange(n, cols)}, contiguous key ranges of about equal size;</li>
 *   <li>{@link Kind#COALESCE}: {@code coalesce(n)}, contiguous groups of input partitions merged, no shuffle;</li>
 *   <li>{@link Kind#SORT_WITHIN}: each partition sorted by {@code order}, the partitioning unchanged.</li>
 * </ul>
 */
public final class Repartition extends UnaryNode {
    /** How rows are assigned to partitions. */
    public enum Kind { ROUND_ROBIN, HASH, RANGE, COALESCE, SORT_WITHIN }

    private final Kind kind;
    private final int numPartitions;
    private final List<Expression> expressions;
    private final Expression hash;
    private final boolean byColumnsOnly;

    /**
     * @param expressions   the partitioning columns (HASH), the sort orders (RANGE, SORT_WITHIN), else empty
     * @param hash          for HASH, the resolved {@code hash(columns)} (Spark's Murmur3 with seed 42), else null
     * @param byColumnsOnly whether the number of partitions was not given (the session's shuffle partitions)
     */
    public Repartition(Kind kind, int numPartitions, List<? extends Expression> expressions, Expression hash,
            boolean byColumnsOnly, LogicalPlan child) {
        super(child);
        this.kind = kind;
        this.numPartitions = numPartitions;
        this.expressions = List.copyOf(expressions);
        this.hash = hash;
        this.byColumnsOnly = byColumnsOnly;
    }

    /** The resolved {@code hash(columns)} of a HASH node. */
    public Expression hash() {
        return hash;
    }

    /** Whether the number of partitions was not given. */
    public boolean byColumnsOnly() {
        return byColumnsOnly;
    }

    public Kind kind() {
        return kind;
    }

    public int numPartitions() {
        return numPartitions;
    }

    /** The partitioning columns or sort orders, bound by the planner. */
    public List<Expression> partitionExpressions() {
        return expressions;
    }

    @Override
    public List<Expression> expressions() {
        return expressions;
    }

    @Override
    public List<AttributeReference> output() {
        return child.output();
    }

    @Override
    public boolean isStreaming() {
        return child.isStreaming();
    }

    @Override
    public String describe() {
        return switch (kind) {
            case ROUND_ROBIN -> "Repartition " + numPartitions + ", true";
            case COALESCE -> "Repartition " + numPartitions + ", false";
            case SORT_WITHIN -> "Sort " + list(expressions) + ", false";
            default -> "RepartitionByExpression " + list(expressions) + ", " + numPartitions;
        };
    }

    /** The sort orders of a RANGE or SORT_WITHIN node. */
    public List<SortOrder> order() {
        return expressions.stream().map(e -> (SortOrder) e).toList();
    }
}
