package dev.sluice.stream;

import dev.sluice.batch.Chunk;
import dev.sluice.exec.physical.ChunkConsumer;
import dev.sluice.exec.physical.ExecutionContext;
import dev.sluice.exec.physical.Morsel;
import dev.sluice.exec.physical.PhysicalPlan;
import dev.sluice.exec.physical.UnaryExec;
import dev.sluice.plan.logical.EventTimeWatermark;
import java.util.List;

/**
 * Passes its input through and reports the event time of every row to the batch's watermark tracker
 * (Spark's {@code EventTimeWatermarkExec}); the tracker moves the watermark between batches.
 */
final class EventTimeWatermarkExec extends UnaryExec {
    private final EventTimeWatermark logical;
    private final boolean shared;

    /** {@code shared}: whether the plan reaches this node more than once (a self-join or self-union). */
    EventTimeWatermarkExec(EventTimeWatermark logical, PhysicalPlan child, boolean shared) {
        super(child, logical.output());
        this.logical = logical;
        this.shared = shared;
    }

    @Override
    public String nodeName() {
        return "EventTimeWatermark";
    }

    @Override
    public String argString() {
        return logical.eventTime().name() + "#" + logical.eventTime().exprId() + ": " + logical.delayMs()
                + " milliseconds";
    }

    @Override
    public java.util.Iterator<Morsel> morsels(ExecutionContext context) {
        if (shared) {
            return super.morsels(context);
        }
        WatermarkTracker tracker = MicroBatchContext.of(context).watermarks();
        return Morsel.map(child().morsels(context), m -> downstream -> m.run(c -> {
            tracker.observe(logical, List.of(c), logical.eventTimeOrdinal());
            downstream.accept(c);
        }));
    }

    @Override
    public void execute(ExecutionContext context, ChunkConsumer downstream) {
        WatermarkTracker tracker = MicroBatchContext.of(context).watermarks();
        if (shared) {
            // Reached twice per batch: the rows must be observed once, so they are gathered once.
            context.once(this, () -> {
                List<Chunk> rows = child().executeCollect(context);
                tracker.observe(logical, rows, logical.eventTimeOrdinal());
                return rows;
            }).forEach(downstream::accept);
            return;
        }
        child().execute(context, c -> {
            tracker.observe(logical, List.of(c), logical.eventTimeOrdinal());
            downstream.accept(c);
        });
    }
}
