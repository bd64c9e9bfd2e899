package dev.sluice.stream;

import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.spi.Sink;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.OutputMode;
import dev.sluice.sql.streaming.Trigger;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything needed to run one streaming query, as assembled by {@code DataStreamWriter.start()}.
 *
 * @param name                   query name, or null
 * @param plan                   the analyzed streaming plan
 * @param sinkFactory            creates the sink of this run
 * @param sinkDescription        for progress and errors
 * @param checkpointRoot         the checkpoint folder
 * @param temporaryCheckpoint    whether {@code checkpointRoot} was made up (deleted after a clean stop)
 * @param minBatchesToRetain     log entries and state versions kept
 * @param clock                  the trigger clock
 * @param hooks                  test hooks
 */
public record QuerySpec(SluiceSession session, String name, LogicalPlan plan, OutputMode outputMode, Trigger trigger,
                        Supplier<Sink> sinkFactory, String sinkDescription, Path checkpointRoot,
                        boolean temporaryCheckpoint, int minBatchesToRetain, Clock clock, BatchHooks hooks) {
    public QuerySpec {
        Objects.requireNonNull(session, "session is null");
        Objects.requireNonNull(plan, "plan is null");
        Objects.requireNonNull(outputMode, "outputMode is null");
        Objects.requireNonNull(trigger, "trigger is null");
        Objects.requireNonNull(sinkFactory, "sinkFactory is null");
        Objects.requireNonNull(checkpointRoot, "checkpointRoot is null");
        Objects.requireNonNull(clock, "clock is null");
        Objects.requireNonNull(hooks, "hooks is null");
        if (minBatchesToRetain < 1) {
            throw new IllegalArgumentException("minBatchesToRetain must be >= 1, got " + minBatchesToRetain);
        }
    }
}
