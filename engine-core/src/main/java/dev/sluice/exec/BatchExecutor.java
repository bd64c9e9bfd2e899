package dev.sluice.exec;

import dev.sluice.batch.Chunk;
import dev.sluice.exec.physical.ExecutionContext;
import dev.sluice.exec.physical.PhysicalPlanner;
import dev.sluice.plan.logical.LogicalPlan;
import java.util.List;

/**
 * Transitional: plans a bounded logical plan with {@link PhysicalPlanner} and collects its rows. Left only
 * for the sinks that still receive a Dataset; removed once every sink takes chunks through the Sink SPI.
 */
public final class BatchExecutor {
    /** Runs the plan; {@code current_timestamp()} is fixed to one value for the whole run. */
    public List<Chunk> execute(LogicalPlan plan) {
        return ExecutionContext.now().collect(PhysicalPlanner.planQuery(plan));
    }
}
