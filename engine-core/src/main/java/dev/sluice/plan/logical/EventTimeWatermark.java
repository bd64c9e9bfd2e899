package dev.sluice.plan.logical;

import dev.sluice.expr.AttributeReference;
import java.util.List;
import java.util.Objects;

/**
 * {@code withWatermark(eventTime, delay)}: marks {@code eventTime} (a timestamp, or a {@code window} struct
 * whose {@code end} is a timestamp) as the event time of the rows below, with the allowed lateness
 * {@code delayMs}. Passes rows through unchanged; a batch query ignores it, a streaming query tracks the
 * maximum event time seen here to advance its watermark. Immutable.
 */
public final class EventTimeWatermark extends UnaryNode {
    private final AttributeReference eventTime;
    private final long delayMs;

    /**
     * @throws IllegalArgumentException when {@code delayMs} is negative or {@code eventTime} is not an output
     *                                  column of {@code child}
     */
    public EventTimeWatermark(AttributeReference eventTime, long delayMs, LogicalPlan child) {
        super(child);
        this.eventTime = Objects.requireNonNull(eventTime, "eventTime is null");
        if (delayMs < 0) {
            throw new IllegalArgumentException("delayMs is negative: " + delayMs);
        }
        if (child.output().stream().noneMatch(a -> a.exprId() == eventTime.exprId())) {
            throw new IllegalArgumentException("event time column " + eventTime.name() + " is not produced by "
                    + child.describe());
        }
        this.delayMs = delayMs;
    }

    public AttributeReference eventTime() {
        return eventTime;
    }

    /** The position of {@link #eventTime()} in the child's output. */
    public int eventTimeOrdinal() {
        List<AttributeReference> columns = child.output();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).exprId() == eventTime.exprId()) {
                return i;
            }
        }
        throw new IllegalStateException("event time column " + eventTime.name() + " vanished from " + child.describe());
    }

    public long delayMs() {
        return delayMs;
    }

    @Override
    public List<AttributeReference> output() {
        return child.output();
    }

    @Override
    public String describe() {
        return "EventTimeWatermark " + eventTime.name() + "#" + eventTime.exprId() + ", " + delayMs + " ms";
    }
}
