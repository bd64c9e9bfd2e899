package dev.sluice.stream;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.LongVector;
import dev.sluice.plan.logical.Limit;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * A limit over an append-mode stream (Spark's {@code StreamingGlobalLimitExec}): the first {@code limit}
 * rows across all batches, then nothing. State snapshot layout: one row with the count emitted so far.
 */
final class StreamingLimit extends StatefulOperator {
    private final int limit;
    private long emitted;

    StreamingLimit(int operatorId, Limit node, LogicalPlan incrementalChild) {
        super(operatorId, incrementalChild, node.output());
        this.limit = node.limit();
    }

    @Override
    String name() {
        return "globalLimit";
    }

    @Override
    List<Chunk> processBatch(List<Chunk> input) {
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
        setRowsUpdated(emitted > before ? 1 : 0);
        return out;
    }

    @Override
    List<DataType> stateTypes() {
        return List.of(DataTypes.LongType);
    }

    @Override
    Chunk snapshot() {
        ColumnVector count = ColumnVector.allocate(DataTypes.LongType, 1);
        count.appendLong(emitted);
        return new Chunk(1, count);
    }

    @Override
    void restore(Chunk snapshot) {
        emitted = snapshot.rowCount() == 0 ? 0 : ((LongVector) snapshot.column(0)).values()[0];
    }

    @Override
    long numRowsTotal() {
        return 1;
    }
}
