package dev.sluice.stream;

import dev.sluice.batch.Chunk;
import dev.sluice.exec.physical.ChunkConsumer;
import dev.sluice.exec.physical.ExecutionContext;
import dev.sluice.exec.physical.MemoryBudget;
import dev.sluice.exec.physical.PhysicalPlan;
import dev.sluice.expr.AttributeReference;
import java.util.ArrayList;
import java.util.List;

/**
 * A stateful streaming operator as a node of the incremental physical plan: each batch it gathers its
 * inputs' rows (a join: both sides), folds them into the operator's versioned state and pushes the batch's
 * output. The node is immutable; the {@link StatefulOperator} it drives is the per-query-run state holder
 * (state stores, metrics), opened and committed by the micro-batch engine. A pipeline breaker; runs once per
 * batch even when the plan reaches it twice.
 */
final class StatefulOperatorExec extends PhysicalPlan {
    private final StatefulOperator operator;
    private final List<PhysicalPlan> inputs;

    StatefulOperatorExec(StatefulOperator operator, List<PhysicalPlan> inputs) {
        this.operator = operator;
        this.inputs = List.copyOf(inputs);
    }

    StatefulOperator operator() {
        return operator;
    }

    @Override
    public List<AttributeReference> output() {
        return operator.output();
    }

    @Override
    public List<PhysicalPlan> children() {
        return inputs;
    }

    @Override
    public String nodeName() {
        return operator.nodeName();
    }

    @Override
    public String argString() {
        String args = operator.argString();
        return (args.isEmpty() ? "" : args + ", ") + "state info [ opId = " + operator.operatorId() + " ]";
    }

    @Override
    public void execute(ExecutionContext context, ChunkConsumer downstream) {
        context.once(this, () -> {
            try (MemoryBudget.Reservation held = context.memory().reserve(nodeName())) {
                List<List<Chunk>> rows = new ArrayList<>();
                for (PhysicalPlan input : inputs) {
                    rows.add(gather(context, input, held));
                }
                return operator.process(rows, context);
            }
        }).forEach(downstream::accept);
    }
}
