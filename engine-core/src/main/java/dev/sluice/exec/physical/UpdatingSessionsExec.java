package dev.sluice.exec.physical;

import dev.sluice.exec.Chunks;
import dev.sluice.exec.SessionOperator;
import dev.sluice.plan.logical.UpdateSessions;

/**
 * Assigns every row its merged session window over the whole input (Spark's {@code UpdatingSessionsExec}).
 * A pipeline breaker.
 */
public final class UpdatingSessionsExec extends UnaryExec {
    private final UpdateSessions logical;
    private final SessionOperator operator;

    public UpdatingSessionsExec(UpdateSessions logical, PhysicalPlan child) {
        super(child, logical.output());
        this.logical = logical;
        this.operator = new SessionOperator(logical);
    }

    @Override
    public String nodeName() {
        return "UpdatingSessions";
    }

    @Override
    public String argString() {
        return list(logical.groupingKeys()) + ", " + logical.session().sql();
    }

    @Override
    public void execute(ExecutionContext context, ChunkConsumer downstream) {
        try (MemoryBudget.Reservation held = context.memory().reserve(nodeName())) {
            Chunks.split(operator.execute(Chunks.gather(gather(context, child(), held), child().output())))
                    .forEach(downstream::accept);
        }
    }
}
