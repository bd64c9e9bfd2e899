package dev.sluice.exec.physical;

import dev.sluice.batch.Chunk;
import dev.sluice.exec.Chunks;
import dev.sluice.exec.JoinOperator;
import dev.sluice.plan.logical.Join;

/**
 * A join of two bounded inputs: both sides are gathered, one is hashed on the equi-join keys and probed
 * with the other ({@link JoinOperator}); printed as Spark plans a small side, {@code BroadcastHashJoin}, or
 * {@code BroadcastNestedLoopJoin} without equi-join keys. A pipeline breaker on both sides.
 */
public final class HashJoinExec extends BinaryExec {
    private final Join logical;
    private final JoinOperator operator;

    public HashJoinExec(Join logical, PhysicalPlan left, PhysicalPlan right) {
        super(left, right, logical.output());
        this.logical = logical;
        this.operator = new JoinOperator(logical);
    }

    @Override
    public String nodeName() {
        return operator.leftKeys().isEmpty() ? "BroadcastNestedLoopJoin" : "BroadcastHashJoin";
    }

    @Override
    public String argString() {
        JoinOperator.EquiJoinKeys keys = JoinOperator.extractEquiJoinKeys(logical);
        String residual = keys.otherConjuncts().isEmpty() ? ""
                : ", " + JoinOperator.and(keys.otherConjuncts()).sql();
        if (operator.leftKeys().isEmpty()) {
            return "BuildRight, " + logical.joinType() + residual;
        }
        return list(keys.leftKeys()) + ", " + list(keys.rightKeys()) + ", " + logical.joinType() + ", BuildRight"
                + residual;
    }

    @Override
    public void execute(ExecutionContext context, ChunkConsumer downstream) {
        try (MemoryBudget.Reservation held = context.memory().reserve(nodeName())) {
            Chunk leftRows = Chunks.gather(gather(context, left(), held), left().output());
            Chunk rightRows = Chunks.gather(gather(context, right(), held), right().output());
            for (Chunk c : operator.join(leftRows, rightRows)) {
                downstream.accept(c);
            }
        }
    }
}
