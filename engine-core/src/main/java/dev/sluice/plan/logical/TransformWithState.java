package dev.sluice.plan.logical;

import dev.sluice.expr.AttributeReference;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.DataTypes;
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
    private final AttributeReference eventTime;
    private final long eventTimeDelayMs;

    public TransformWithState(TransformWithStateFunction function, TimeMode timeMode, OutputMode outputMode,
                              LogicalPlan child) {
        this(function, timeMode, outputMode, null, child);
    }

    /**
     * With {@code eventTimeColumnName} (Spark's overloads taking it; the time mode is then event time): that
     * output column carries event time for the operators after this one, with the delay of the watermark below.
     *
     * @throws AnalysisException {@code CANNOT_ASSIGN_EVENT_TIME_COLUMN_WITHOUT_WATERMARK} without a watermark below,
     *         or when the output has no timestamp column of that name
     */
    public TransformWithState(TransformWithStateFunction function, TimeMode timeMode, OutputMode outputMode,
                              String eventTimeColumnName, LogicalPlan child) {
        super(child);
        this.function = function;
        this.timeMode = timeMode;
        this.outputMode = outputMode;
        this.output = java.util.Arrays.stream(function.outputSchema().fields())
                .map(f -> AttributeReference.create(f.name(), f.dataType(), f.nullable())).toList();
        if (eventTimeColumnName == null) {
            this.eventTime = null;
            this.eventTimeDelayMs = 0;
            return;
        }
        Long delay = watermarkDelay(child);
        if (delay == null) {
            throw new AnalysisException("CANNOT_ASSIGN_EVENT_TIME_COLUMN_WITHOUT_WATERMARK", "Watermark needs to be"
                    + " defined to reassign event time column. Failed to find watermark definition in the streaming"
                    + " query.", "42611");
        }
        this.eventTime = output.stream().filter(a -> a.name().equalsIgnoreCase(eventTimeColumnName)
                && a.dataType().equals(DataTypes.TimestampType)).findFirst().orElseThrow(() -> new AnalysisException(
                "transformWithState's eventTimeColumnName " + eventTimeColumnName + " is not a timestamp column of"
                        + " its output " + list(output)));
        this.eventTimeDelayMs = delay;
    }

    /** The delay of the first watermark below {@code plan}, or null. */
    private static Long watermarkDelay(LogicalPlan plan) {
        if (plan instanceof EventTimeWatermark w) {
            return w.delayMs();
        }
        for (LogicalPlan child : plan.children()) {
            Long d = watermarkDelay(child);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    /** The output column that carries event time after this operator ({@code eventTimeColumnName}), or null. */
    public AttributeReference eventTime() {
        return eventTime;
    }

    /** The watermark delay of {@link #eventTime()} (ms). */
    public long eventTimeDelayMs() {
        return eventTimeDelayMs;
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
