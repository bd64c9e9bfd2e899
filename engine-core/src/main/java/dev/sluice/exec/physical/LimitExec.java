package dev.sluice.exec.physical;

import dev.sluice.batch.Chunk;

/**
 * The first {@code limit} rows of its input (Spark's {@code GlobalLimitExec}/{@code CollectLimitExec}).
 * Rows past the limit are dropped as they arrive; the child still runs to completion.
 */
public final class LimitExec extends UnaryExec {
    private final int limit;

    public LimitExec(int limit, PhysicalPlan child) {
        super(child, child.output());
        this.limit = limit;
    }

    @Override
    public String nodeName() {
        return "GlobalLimit";
    }

    @Override
    public String argString() {
        return Integer.toString(limit);
    }

    @Override
    public void execute(ExecutionContext context, ChunkConsumer downstream) {
        int[] remaining = {limit};
        child().execute(context, c -> {
            if (remaining[0] <= 0) {
                return;
            }
            if (c.rowCount() <= remaining[0]) {
                remaining[0] -= c.rowCount();
                downstream.accept(c);
            } else {
                Chunk head = c.copyRange(0, remaining[0]);
                remaining[0] = 0;
                downstream.accept(head);
            }
        });
    }
}
