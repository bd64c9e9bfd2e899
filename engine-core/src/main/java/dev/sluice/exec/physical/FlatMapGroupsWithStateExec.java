package dev.sluice.exec.physical;

import dev.sluice.exec.GroupsWithStateCalls;
import dev.sluice.plan.logical.FlatMapGroupsWithState;

/**
 * {@code [flat]MapGroupsWithState} in a batch query: one call of the user function per key over all of the
 * key's rows, with an empty state that is then discarded (as Spark runs it on a batch Dataset).
 */
public final class FlatMapGroupsWithStateExec extends UnaryExec {
    private final FlatMapGroupsWithState logical;

    public FlatMapGroupsWithStateExec(FlatMapGroupsWithState logical, PhysicalPlan child) {
        super(child, logical.output());
        this.logical = logical;
    }

    @Override
    public String nodeName() {
        return logical.nodeName();
    }

    @Override
    public String argString() {
        return list(logical.output());
    }

    @Override
    public void execute(ExecutionContext context, ChunkConsumer downstream) {
        try (MemoryBudget.Reservation held = context.memory().reserve(nodeName())) {
            GroupsWithStateCalls.runBatch(logical, gather(context, child(), held)).forEach(downstream::accept);
        }
    }
}
