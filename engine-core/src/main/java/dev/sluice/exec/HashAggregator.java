package dev.sluice.exec;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.Expression;
import dev.sluice.expr.aggregate.Accumulator;
import java.util.ArrayList;
import java.util.List;

/**
 * The mutable state of one aggregation task: a {@link GroupingTable} plus one {@link Accumulator} per
 * aggregate function. Feed chunks with {@link #add}, then read results with {@link #result}. One per task;
 * not thread-safe.
 */
public final class HashAggregator {
    private final AggregationSpec spec;
    private final GroupingTable table;
    private final Accumulator[] accumulators;
    private int[] groupIds = new int[dev.sluice.batch.Chunk.DEFAULT_ROWS];

    public HashAggregator(AggregationSpec spec) {
        this.spec = spec;
        this.table = new GroupingTable(spec.groupingKeys().stream().map(Expression::dataType).toList());
        this.accumulators = spec.createAccumulators();
    }

    /** Folds one input chunk into the groups. */
    public void add(Chunk input) {
        int n = input.rowCount();
        if (groupIds.length < n) {
            groupIds = new int[n];
        }
        List<Expression> keys = spec.groupingKeys();
        if (keys.isEmpty()) {
            java.util.Arrays.fill(groupIds, 0, n, 0);
        } else {
            ColumnVector[] keyColumns = new ColumnVector[keys.size()];
            for (int k = 0; k < keyColumns.length; k++) {
                keyColumns[k] = keys.get(k).eval(input);
            }
            table.groupIds(keyColumns, n, groupIds);
        }
        int groups = groupCount();
        for (int a = 0; a < accumulators.length; a++) {
            List<Expression> argExpressions = spec.functionArguments().get(a);
            ColumnVector[] args = new ColumnVector[argExpressions.size()];
            for (int i = 0; i < args.length; i++) {
                args[i] = argExpressions.get(i).eval(input);
            }
            accumulators[a].ensureGroups(groups);
            accumulators[a].update(groupIds, args, n);
        }
    }

    /**
     * Folds the groups of {@code other} (an aggregator of the same spec, fed other rows) into this one, as if
     * this aggregator had also seen those rows after its own: new keys are appended after this one's groups,
     * in {@code other}'s first-seen order. {@code other} is read only.
     */
    public void mergeFrom(HashAggregator other) {
        int n = other.groupCount();
        int[] ids = new int[Math.max(n, 1)];
        if (!spec.groupingKeys().isEmpty()) {
            table.mergeGroupIds(other.table, ids);
        }
        int groups = groupCount();
        for (int a = 0; a < accumulators.length; a++) {
            List<dev.sluice.sql.types.DataType> bufferTypes = spec.functions().get(a).bufferTypes();
            ColumnVector[] buffers = new ColumnVector[bufferTypes.size()];
            for (int b = 0; b < buffers.length; b++) {
                buffers[b] = ColumnVector.allocate(bufferTypes.get(b), Math.max(n, 1));
            }
            other.accumulators[a].ensureGroups(n);
            other.accumulators[a].writeBuffers(n, buffers);
            accumulators[a].ensureGroups(groups);
            accumulators[a].merge(ids, buffers, n);
        }
    }

    /** Whether the grouping keys are packed words (see {@link #findGroupsOf}); false for a global aggregation. */
    public boolean packedKeys() {
        return !spec.groupingKeys().isEmpty() && table.packed();
    }

    /**
     * For {@code other}'s groups {@code [from, to)}, this aggregator's group with the same key or -1, into
     * {@code out[from..to)}. Read only (both aggregators): safe from several threads while neither is fed. Needs
     * {@link #packedKeys()}.
     */
    public void findGroupsOf(HashAggregator other, int from, int to, int[] out) {
        table.findGroupsOf(other.table, from, to, out);
    }

    /** Every function's intermediate buffers for every group so far ({@link #writeBuffers} of each function). */
    public ColumnVector[][] buffers() {
        int groups = groupCount();
        ColumnVector[][] out = new ColumnVector[accumulators.length][];
        for (int a = 0; a < accumulators.length; a++) {
            List<dev.sluice.sql.types.DataType> bufferTypes = spec.functions().get(a).bufferTypes();
            out[a] = new ColumnVector[bufferTypes.size()];
            for (int b = 0; b < out[a].length; b++) {
                out[a][b] = ColumnVector.allocate(bufferTypes.get(b), Math.max(groups, 1));
            }
            writeBuffers(a, out[a]);
        }
        return out;
    }

    /**
     * Folds rows {@code rows[0..count)} of {@code buffers} (another aggregator's {@link #buffers()}) into this
     * aggregator's existing groups {@code targets[0..count)}, in that order.
     */
    public void mergeGroups(ColumnVector[][] buffers, int[] rows, int[] targets, int count) {
        for (int a = 0; a < accumulators.length; a++) {
            ColumnVector[] taken = new ColumnVector[buffers[a].length];
            for (int b = 0; b < taken.length; b++) {
                taken[b] = buffers[a][b].take(rows, count);
            }
            accumulators[a].ensureGroups(Math.max(groupCount(), 1));
            accumulators[a].merge(targets, taken, count);
        }
    }

    /** The key columns of the groups so far, group {@code g} at row {@code g} (none for a global aggregation). */
    public ColumnVector[] keys() {
        return table.keys();
    }

    /**
     * Appends the intermediate buffers of aggregate function {@code function} for every group so far, in the
     * function's {@link dev.sluice.expr.aggregate.AggregateFunction#bufferTypes()} layout.
     */
    public void writeBuffers(int function, ColumnVector[] out) {
        int groups = groupCount();
        accumulators[function].ensureGroups(Math.max(groups, 1));
        accumulators[function].writeBuffers(groups, out);
    }

    /** Number of groups so far (a global aggregation always has exactly one). */
    public int groupCount() {
        return spec.groupingKeys().isEmpty() ? 1 : table.groupCount();
    }

    /** The result rows, one per group, in first-seen order. */
    public List<Chunk> result() {
        int groups = groupCount();
        List<ColumnVector> intermediate = new ArrayList<>();
        if (!spec.groupingKeys().isEmpty()) {
            for (ColumnVector key : table.keys()) {
                intermediate.add(key);
            }
        }
        for (int a = 0; a < accumulators.length; a++) {
            accumulators[a].ensureGroups(groups);
            ColumnVector out = ColumnVector.allocate(spec.functions().get(a).dataType(), groups);
            accumulators[a].writeResults(groups, out);
            intermediate.add(out);
        }
        Chunk groupsChunk = new Chunk(groups, intermediate);
        List<Expression> projections = spec.resultProjections();
        ColumnVector[] columns = new ColumnVector[projections.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = projections.get(i).eval(groupsChunk);
        }
        return List.of(new Chunk(groups, columns));
    }
}
