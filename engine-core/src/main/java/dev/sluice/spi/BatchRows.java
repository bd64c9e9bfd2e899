package dev.sluice.spi;

import dev.sluice.batch.Chunk;
import dev.sluice.exec.physical.ExecutionContext;
import dev.sluice.exec.physical.MemoryBudget;
import dev.sluice.exec.physical.PhysicalPlanner;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.plan.logical.ScanRelation;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.types.StructType;
import java.util.List;
import java.util.function.Consumer;

/**
 * The rows of a batch (bounded) Dataset as chunks, for batch writers of connectors
 * ({@code df.write().format(...)}), and a Dataset over chunks or over a {@link Scan}, for batch readers. Running
 * a Dataset plans and runs its query once per call, on the session's {@code local[N]} threads. Stateless.
 */
public final class BatchRows {
    private BatchRows() {
    }

    /**
     * Runs {@code data}'s query, handing each output chunk to {@code consumer} in order, from the calling
     * thread, as the query produces it (nothing is gathered: a stateless query streams).
     */
    public static void forEach(Dataset<?> data, Consumer<Chunk> consumer) {
        ExecutionContext.now(data.sparkSession().parallelism(), budget(data))
                .run(PhysicalPlanner.planQuery(data.logicalPlan()), consumer::accept);
    }

    /** A batch Dataset holding {@code chunks} (rows of {@code schema}), for batch readers of connectors. */
    public static Dataset<Row> toDataset(SluiceSession session, StructType schema, List<Chunk> chunks) {
        return Dataset.ofRows(session, new LocalRelation(SluiceSession.attributes(schema), chunks));
    }

    /**
     * A batch Dataset over a connector's {@link Scan}, read when an action runs (for lazy batch readers).
     *
     * @param schema the scan's columns, in the order its chunks hold them
     * @param rescanEachBatch whether a streaming query joining this relation must read it again for every
     *     micro-batch (a table that changes while the query runs) rather than once per query run
     */
    public static Dataset<Row> toDataset(SluiceSession session, StructType schema, Scan scan, boolean rescanEachBatch) {
        return Dataset.ofRows(session, new ScanRelation(SluiceSession.attributes(schema), scan, rescanEachBatch));
    }

    private static MemoryBudget budget(Dataset<?> data) {
        return MemoryBudget.of(data.sparkSession().conf().get(MemoryBudget.KEY, null));
    }

    /** Runs {@code data}'s query and returns its rows in order, with the columns of {@code data.schema()}. */
    public static List<Chunk> collect(Dataset<?> data) {
        return ExecutionContext.now(data.sparkSession().parallelism(), budget(data)).collect(PhysicalPlanner.planQuery(data.logicalPlan()));
    }
}
