package dev.sluice.stream;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.exec.Binder;
import dev.sluice.exec.BatchExecutor;
import dev.sluice.exec.GroupingTable;
import dev.sluice.expr.Expression;
import dev.sluice.plan.logical.Deduplicate;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.sql.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * Streaming {@code dropDuplicates}: keeps every key seen so far and passes only the first row of each key,
 * across batches and within a batch. State snapshot layout: the key columns. Without a watermark the state
 * grows forever (as in Spark); eviction by watermark is issue 4.
 */
final class StreamingDeduplication extends StatefulOperator {
    private final List<Expression> keys;
    private final List<DataType> keyTypes;
    private GroupingTable seen;

    StreamingDeduplication(int operatorId, Deduplicate deduplicate, LogicalPlan incrementalChild) {
        super(operatorId, incrementalChild, deduplicate.output());
        List<? extends Expression> keyAttributes = deduplicate.keys().isEmpty() ? deduplicate.child().output()
                : deduplicate.keys();
        this.keys = Binder.bindAll(keyAttributes, deduplicate.child().output());
        this.keyTypes = keys.stream().map(Expression::dataType).toList();
        this.seen = new GroupingTable(keyTypes);
    }

    @Override
    String name() {
        return "dedupe";
    }

    @Override
    List<Chunk> processBatch(List<Chunk> input) {
        List<Chunk> out = new ArrayList<>();
        long rows = 0;
        for (Chunk c : input) {
            Chunk firsts = BatchExecutor.firstOccurrences(seen, keys, c);
            if (firsts.rowCount() > 0) {
                out.add(firsts);
                rows += firsts.rowCount();
            }
        }
        setRowsUpdated(rows);
        return out;
    }

    @Override
    List<DataType> stateTypes() {
        return keyTypes;
    }

    @Override
    Chunk snapshot() {
        ColumnVector[] columns = seen.keys();
        for (int i = 0; i < columns.length; i++) {
            columns[i] = columns[i].copyRange(0, seen.groupCount());
        }
        return new Chunk(seen.groupCount(), columns);
    }

    @Override
    void restore(Chunk snapshot) {
        seen = new GroupingTable(keyTypes);
        seen.groupIds(snapshot.columns(), snapshot.rowCount(), new int[Math.max(1, snapshot.rowCount())]);
    }

    @Override
    long numRowsTotal() {
        return seen.groupCount();
    }
}
