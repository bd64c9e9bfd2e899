package dev.sluice.spi;

import dev.sluice.batch.Chunk;
import dev.sluice.exec.physical.ExecutionContext;
import dev.sluice.exec.physical.PhysicalPlanner;
import dev.sluice.sql.Dataset;
import java.util.List;

/**
 * The rows of a batch (bounded) Dataset as chunks, for batch writers of connectors
 * ({@code df.write().format(...)}): plans and runs the Dataset's query once per call, on the session's
 * {@code local[N]} threads. Stateless.
 */
public final class BatchRows {
    private BatchRows() {
    }

    /** Runs {@code data}'s query and returns its rows in order, with the columns of {@code data.schema()}. */
    public static List<Chunk> collect(Dataset<?> data) {
        return ExecutionContext.now(data.sparkSession().parallelism()).collect(PhysicalPlanner.planQuery(data.logicalPlan()));
    }
}
