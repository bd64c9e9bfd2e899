package dev.sluice.plan.logical;

import dev.sluice.expr.AttributeReference;
import dev.sluice.sql.streaming.OutputMode;
import dev.sluice.sql.streaming.TimeMode;
import java.util.List;

/**
 * {@code groupByKey(f).transformWithState(processor, timeMode, outputMode, ...)} (Spark's
 * {@code TransformWithState}): runs a {@code StatefulProcessor} per grouping key, with state variables and
 * timers a streaming query keeps across batches; outputs the rows of the output encoder's schema. Immutable.
 */
public final class TransformWithState extends UnaryNode {
    private final TransformWithStateFunction function;
    private final TimeMode timeMode;
    private final OutputMode outputMode;
    private final List<AttributeReference> output;

    public TransformWithState(TransformWithStateFunction function, TimeMode timeMode, OutputMode outputMode,
                              LogicalPlan child) {
        super(child);
        this.function = function;
        this.timeMode = timeMode;
        this.outputMode = outputMode;
        this.output = java.util.Arrays.stream(function.outputSchema().fields())
                .map(f -> AttributeReference.create(f.name(), f.dataType(), f.nullable())).toList();
    }

    public TransformWithStateFunction function() {
        return function;
    }

    public TimeMode timeMode() {
        return timeMode;
    }

    public OutputMode outputMode() {
        return outputMode;
    }

    @Override
    public List<AttributeReference> output() {
        return output;
    }

    @Override
    public String describe() {
        return "TransformWithState " + timeMode + ", " + outputMode + " " + list(output);
    }
}
