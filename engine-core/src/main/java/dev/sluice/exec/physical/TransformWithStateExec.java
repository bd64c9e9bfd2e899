package dev.sluice.exec.physical;

import dev.sluice.analysis.JavaValues;
import dev.sluice.exec.tws.MapTwsStore;
import dev.sluice.exec.tws.QueryInfoImpl;
import dev.sluice.exec.tws.TwsRunner;
import dev.sluice.plan.logical.TransformWithState;
import dev.sluice.sql.Row;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * {@code transformWithState} in a batch query, as Spark runs it: one pass of the processor over all the input
 * (and the initial state) with a fresh in-memory state that is then discarded; processing time is the time of
 * the run, the watermark 0, so processing-time timers due by then fire at the end.
 */
public final class TransformWithStateExec extends UnaryExec {
    private final TransformWithState logical;

    public TransformWithStateExec(TransformWithState logical, PhysicalPlan child) {
        super(child, logical.output());
        this.logical = logical;
    }

    @Override
    public String nodeName() {
        return "TransformWithState";
    }

    @Override
    public String argString() {
        return list(logical.output());
    }

    @Override
    public void execute(ExecutionContext context, ChunkConsumer downstream) {
        try (MemoryBudget.Reservation held = context.memory().reserve(nodeName())) {
            List<Row> input = JavaValues.toRows(gather(context, child(), held), logical.child().schema());
            long now = context.queryTimeMicros() / 1000;
            TwsRunner runner = new TwsRunner(logical, new MapTwsStore(), now, 0,
                    new QueryInfoImpl(UUID.randomUUID(), UUID.randomUUID(), 0));
            List<Row> out = runner.run(input, true);
            JavaValues.toChunks(out, logical.schema(), ZoneOffset.UTC).forEach(downstream::accept);
        }
    }
}
