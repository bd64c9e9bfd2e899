package dev.sluice.exec.physical;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.DoubleVector;
import dev.sluice.batch.FloatVector;
import dev.sluice.exec.Binder;
import dev.sluice.exec.GroupingTable;
import dev.sluice.expr.BoundReference;
import dev.sluice.expr.Expression;
import dev.sluice.plan.logical.Deduplicate;
import java.util.List;

/**
 * The first row of each distinct key of a bounded input, in input order (batch {@code dropDuplicates}).
 * Streams: each chunk is reduced to its rows with a key not seen before as it arrives.
 */
public final class DeduplicateExec extends UnaryExec {
    private final List<Expression> keys;
    private final List<Expression> bound;

    public DeduplicateExec(Deduplicate logical, PhysicalPlan child) {
        super(child, logical.output());
        this.keys = List.copyOf(logical.keys());
        this.bound = Binder.bindAll(keys, child.output());
    }

    @Override
    public String nodeName() {
        return "Deduplicate";
    }

    @Override
    public String argString() {
        return list(keys);
    }

    @Override
    public void execute(ExecutionContext context, ChunkConsumer downstream) {
        GroupingTable seen = new GroupingTable(bound.stream().map(Expression::dataType).toList());
        child().execute(context, c -> {
            Chunk firsts = firstOccurrences(seen, bound, c);
            if (firsts.rowCount() > 0) {
                downstream.accept(normalizeKeyColumns(firsts));
            }
        });
    }

    /**
     * Spark plans a batch {@code distinct}/{@code dropDuplicates} as an aggregation grouped by the key columns,
     * whose floating-point keys are normalized: a kept -0.0 in a key column reads 0.0.
     */
    private Chunk normalizeKeyColumns(Chunk c) {
        ColumnVector[] columns = null;
        for (Expression key : bound) {
            if (key instanceof BoundReference ref) {
                ColumnVector column = c.column(ref.ordinal());
                ColumnVector normalized = withoutNegativeZero(column, c.rowCount());
                if (normalized != column) {
                    columns = columns == null ? c.columns() : columns;
                    columns[ref.ordinal()] = normalized;
                }
            }
        }
        return columns == null ? c : new Chunk(c.rowCount(), columns);
    }

    /** {@code column} with every -0.0 read as 0.0, or {@code column} itself when it holds none (or is not floating). */
    private static ColumnVector withoutNegativeZero(ColumnVector column, int rows) {
        boolean[] nulls = column.mayHaveNulls() ? column.nullsArray() : null;
        if (column instanceof DoubleVector d) {
            double[] values = d.values();
            for (int i = 0; i < rows; i++) {
                if (Double.doubleToRawLongBits(values[i]) == Long.MIN_VALUE && !d.isNull(i)) {
                    double[] copy = java.util.Arrays.copyOf(values, rows);
                    for (int j = i; j < rows; j++) {
                        copy[j] = copy[j] == 0 ? 0.0 : copy[j];
                    }
                    return DoubleVector.wrap(copy, rows, nulls);
                }
            }
        } else if (column instanceof FloatVector f) {
            float[] values = f.values();
            for (int i = 0; i < rows; i++) {
                if (Float.floatToRawIntBits(values[i]) == Integer.MIN_VALUE && !f.isNull(i)) {
                    float[] copy = java.util.Arrays.copyOf(values, rows);
                    for (int j = i; j < rows; j++) {
                        copy[j] = copy[j] == 0 ? 0.0f : copy[j];
                    }
                    return FloatVector.wrap(copy, rows, nulls);
                }
            }
        }
        return column;
    }

    /**
     * The rows of {@code c} whose key {@code seen} did not hold yet, keeping only the first of duplicates
     * within the chunk: group ids are handed out in row order, so a row is first exactly when its id is the
     * next unused one.
     */
    public static Chunk firstOccurrences(GroupingTable seen, List<Expression> boundKeys, Chunk c) {
        ColumnVector[] keyColumns = new ColumnVector[boundKeys.size()];
        for (int k = 0; k < keyColumns.length; k++) {
            keyColumns[k] = boundKeys.get(k).eval(c);
        }
        int n = c.rowCount();
        int[] groups = new int[Math.max(n, 1)];
        int next = seen.groupCount();
        seen.groupIds(keyColumns, n, groups);
        int[] rows = new int[Math.max(n, 1)];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (groups[i] == next) {
                rows[count++] = i;
                next++;
            }
        }
        return count == n ? c : c.take(rows, count);
    }
}
