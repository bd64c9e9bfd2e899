package dev.sluice.stream;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.LongVector;
import dev.sluice.plan.logical.Limit;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.stream.state.PartitionedStateStore;
import java.util.ArrayList;
import java.util.List;

/**
 * A limit over an append-mode stream (Spark's {@code StreamingGlobalLimitExec}): the first {@code limit}
 * rows across all batches, then nothing. State: one partition, one entry (empty key) holding the count of
 * rows emitted so far.
 */
final class StreamingLimit extends StatefulOperator {
    private static final byte[] KEY = new byte[0];
    private final int limit;
    private final StateRows rows = new StateRows(List.of(), List.of(DataTypes.LongType));

    StreamingLimit(int operatorId, Limit node, LogicalPlan incrementalChild) {
        super(operatorId, incrementalChild, node.output());
        this.limit = node.limit();
    }

    @Override
    String name() {
        return "globalLimit";
    }

    @Override
    String nodeName() {
        return "StreamingGlobalLimit";
    }

    @Override
    String argString() {
        return Integer.toString(limit);
    }

    @Override
    List<dev.sluice.stream.state.OperatorStateMetadata.StoreSchema> storeSchemas() {
        return defaultStore(StateRows.schema(List.of()), StateRows.schema(List.of("count"), List.of(DataTypes.LongType)));
    }

    @Override
    int statePartitions(int shufflePartitions) {
        return 1;
    }

    @Override
    List<Chunk> processBatch(List<Chunk> input, PartitionedStateStore state) {
        byte[] stored = state.get(KEY);
        long emitted = 0;
        if (stored != null) {
            ColumnVector[] value = rows.newValueVectors(1);
            rows.decodeValue(stored, value);
            emitted = ((LongVector) value[0]).values()[0];
        }
        List<Chunk> out = new ArrayList<>();
        long before = emitted;
        for (Chunk c : input) {
            long remaining = limit - emitted;
            if (remaining <= 0) {
                break;
            }
            Chunk kept = c.rowCount() <= remaining ? c : c.copyRange(0, (int) remaining);
            out.add(kept);
            emitted += kept.rowCount();
        }
        if (emitted > before || stored == null) {
            ColumnVector[] value = rows.newValueVectors(1);
            value[0].appendLong(emitted);
            state.put(KEY, rows.encodeValue(value, 0));
            addRowsUpdated(1);
        }
        return out;
    }
}
