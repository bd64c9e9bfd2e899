package dev.sluice.spi;

import dev.sluice.batch.Chunk;
import dev.sluice.exec.physical.ExecutionContext;
import dev.sluice.exec.physical.MemoryBudget;
import dev.sluice.exec.physical.PhysicalPlanner;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.types.StructType;
import java.util.List;
import java.util.function.Consumer;

/**
 * The rows of a batch (bounded) Dataset as chunks, for batch writers of connectors, and a Dataset over chunks,
 * for batch readers
 * ({@code df.write().format(...)}): plans and runs the Dataset's query once per call, on the session's
 * {@code local[N]} threads. Stateless.
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

    private static MemoryBudget budget(Dataset<?> data) {
        return MemoryBudget.of(data.sparkSession().conf().get(MemoryBudget.KEY, null));
    }

    /** Runs {@code data}'s query and returns its rows in order, with the columns of {@code data.schema()}. */
    public static List<Chunk> collect(Dataset<?> data) {
        return ExecutionContext.now(data.sparkSession().parallelism(), budget(data)).collect(PhysicalPlanner.planQuery(data.logicalPlan()));
    }
}
