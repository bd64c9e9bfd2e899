package dev.sluice.stream;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.exec.AggregationSpec;
import dev.sluice.exec.GroupingTable;
import dev.sluice.expr.Expression;
import dev.sluice.expr.aggregate.Accumulator;
import dev.sluice.expr.aggregate.AggregateFunction;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.sql.streaming.OutputMode;
import dev.sluice.sql.types.DataType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A streaming aggregation: per-group aggregate buffers kept across batches. Complete mode outputs every
 * group each batch; update mode only the groups that received rows in the batch. State snapshot layout:
 * grouping keys, then the buffers of each aggregate function ({@link AggregateFunction#bufferTypes()}).
 */
final class StreamingAggregation extends StatefulOperator {
    private final AggregationSpec spec;
    private final OutputMode outputMode;
    private final boolean global;
    private final List<DataType> keyTypes;
    private GroupingTable table;
    private Accumulator[] accumulators;
    private int[] groupIds = new int[Chunk.DEFAULT_ROWS];

    StreamingAggregation(int operatorId, Aggregate aggregate, LogicalPlan incrementalChild, OutputMode outputMode) {
        super(operatorId, incrementalChild, aggregate.output());
        this.spec = new AggregationSpec(aggregate);
        this.outputMode = outputMode;
        this.global = spec.groupingKeys().isEmpty();
        this.keyTypes = spec.groupingKeys().stream().map(Expression::dataType).toList();
        reset();
    }

    private void reset() {
        table = new GroupingTable(keyTypes);
        accumulators = new Accumulator[spec.functions().size()];
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i] = spec.functions().get(i).createAccumulator();
            accumulators[i].ensureGroups(1);
        }
    }

    @Override
    String name() {
        return "stateStoreSave";
    }

    private int groupCount() {
        return global ? 1 : table.groupCount();
    }

    @Override
    List<Chunk> processBatch(List<Chunk> input) {
        BitSet touched = new BitSet();
        for (Chunk chunk : input) {
            int n = chunk.rowCount();
            if (groupIds.length < n) {
                groupIds = new int[n];
            }
            if (global) {
                java.util.Arrays.fill(groupIds, 0, n, 0);
            } else {
                ColumnVector[] keys = new ColumnVector[spec.groupingKeys().size()];
                for (int k = 0; k < keys.length; k++) {
                    keys[k] = spec.groupingKeys().get(k).eval(chunk);
                }
                table.groupIds(keys, n, groupIds);
            }
            for (int i = 0; i < n; i++) {
                touched.set(groupIds[i]);
            }
            for (int a = 0; a < accumulators.length; a++) {
                List<Expression> argExpressions = spec.functionArguments().get(a);
                ColumnVector[] args = new ColumnVector[argExpressions.size()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = argExpressions.get(i).eval(chunk);
                }
                accumulators[a].ensureGroups(groupCount());
                accumulators[a].update(groupIds, args, n);
            }
        }
        setRowsUpdated(touched.cardinality());
        if (outputMode == OutputMode.Complete()) {
            touched.set(0, groupCount());
        }
        return List.of(result(touched));
    }

    private Chunk result(BitSet groups) {
        int count = groups.cardinality();
        List<ColumnVector> intermediate = new ArrayList<>();
        ColumnVector[] keys = table.keys();
        for (int k = 0; k < keyTypes.size(); k++) {
            ColumnVector out = ColumnVector.allocate(keyTypes.get(k), Math.max(count, 1));
            for (int g = groups.nextSetBit(0); g >= 0; g = groups.nextSetBit(g + 1)) {
                out.appendFrom(keys[k], g);
            }
            intermediate.add(out);
        }
        for (int a = 0; a < accumulators.length; a++) {
            accumulators[a].ensureGroups(groupCount());
            ColumnVector out = ColumnVector.allocate(spec.functions().get(a).dataType(), Math.max(count, 1));
            for (int g = groups.nextSetBit(0); g >= 0; g = groups.nextSetBit(g + 1)) {
                accumulators[a].writeResult(g, out);
            }
            intermediate.add(out);
        }
        Chunk groupsChunk = new Chunk(count, intermediate);
        List<Expression> projections = spec.resultProjections();
        ColumnVector[] columns = new ColumnVector[projections.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = projections.get(i).eval(groupsChunk);
        }
        return new Chunk(count, columns);
    }

    @Override
    List<DataType> stateTypes() {
        List<DataType> types = new ArrayList<>(keyTypes);
        for (AggregateFunction f : spec.functions()) {
            types.addAll(f.bufferTypes());
        }
        return types;
    }

    @Override
    Chunk snapshot() {
        int groups = groupCount();
        List<ColumnVector> columns = new ArrayList<>();
        ColumnVector[] keys = table.keys();
        for (int k = 0; k < keyTypes.size(); k++) {
            columns.add(keys[k].copyRange(0, groups));
        }
        for (int a = 0; a < accumulators.length; a++) {
            List<DataType> bufferTypes = spec.functions().get(a).bufferTypes();
            ColumnVector[] buffers = new ColumnVector[bufferTypes.size()];
            for (int b = 0; b < buffers.length; b++) {
                buffers[b] = ColumnVector.allocate(bufferTypes.get(b), Math.max(groups, 1));
            }
            accumulators[a].ensureGroups(groups);
            accumulators[a].writeBuffers(groups, buffers);
            columns.addAll(List.of(buffers));
        }
        return new Chunk(groups, columns);
    }

    @Override
    void restore(Chunk snapshot) {
        reset();
        int n = snapshot.rowCount();
        int[] ids = new int[Math.max(n, 1)];
        if (!global) {
            ColumnVector[] keys = new ColumnVector[keyTypes.size()];
            for (int k = 0; k < keys.length; k++) {
                keys[k] = snapshot.column(k);
            }
            table.groupIds(keys, n, ids);
        }
        int column = keyTypes.size();
        for (int a = 0; a < accumulators.length; a++) {
            int width = spec.functions().get(a).bufferTypes().size();
            ColumnVector[] buffers = new ColumnVector[width];
            for (int b = 0; b < width; b++) {
                buffers[b] = snapshot.column(column++);
            }
            accumulators[a].ensureGroups(Math.max(n, 1));
            accumulators[a].merge(ids, buffers, n);
        }
    }

    @Override
    long numRowsTotal() {
        return global ? 1 : table.groupCount();
    }
}
