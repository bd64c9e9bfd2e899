package dev.sluice.exec;

import dev.sluice.expr.CalendarInterval;
import dev.sluice.sql.streaming.GroupState;
import dev.sluice.sql.streaming.GroupStateTimeout;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The {@link GroupState} of one call of a {@code [flat]MapGroupsWithState} function (Spark's
 * {@code GroupStateImpl}), internal API: the operator creates one per call, then reads back whether the
 * state was updated or removed and the timeout set. Used by one thread.
 *
 * @param <S> the state type
 */
public final class GroupStateImpl<S> implements GroupState<S> {
    /** No timeout set. */
    public static final long NO_TIMESTAMP = -1;

    private final GroupStateTimeout timeoutConf;
    private final long batchProcessingTimeMs;
    private final long watermarkMs;
    private final boolean watermarkPresent;
    private final boolean hasTimedOut;
    private S value;
    private boolean defined;
    private boolean updated;
    private boolean removed;
    private long timeoutTimestamp = NO_TIMESTAMP;

    /**
     * @param state               the current state, or null
     * @param watermarkMs         the eviction watermark of the batch (meaningful when {@code watermarkPresent})
     */
    public GroupStateImpl(S state, long batchProcessingTimeMs, long watermarkMs, boolean watermarkPresent,
                          GroupStateTimeout timeoutConf, boolean hasTimedOut) {
        this.value = state;
        this.defined = state != null;
        this.batchProcessingTimeMs = batchProcessingTimeMs;
        this.watermarkMs = watermarkMs;
        this.watermarkPresent = watermarkPresent;
        this.timeoutConf = timeoutConf;
        this.hasTimedOut = hasTimedOut;
    }

    @Override
    public boolean exists() {
        return defined;
    }

    @Override
    public S get() {
        if (!defined) {
            throw new NoSuchElementException("State is either not defined or has already been removed");
        }
        return value;
    }

    @Override
    public Optional<S> getOption() {
        return defined ? Optional.of(value) : Optional.empty();
    }

    @Override
    public void update(S newState) {
        if (newState == null) {
            throw new IllegalArgumentException("'null' is not a valid state value");
        }
        value = newState;
        defined = true;
        updated = true;
        removed = false;
    }

    @Override
    public void remove() {
        value = null;
        defined = false;
        updated = false;
        removed = true;
    }

    @Override
    public boolean hasTimedOut() {
        return hasTimedOut;
    }

    @Override
    public void setTimeoutDuration(long durationMs) {
        if (timeoutConf != GroupStateTimeout.ProcessingTimeTimeout()) {
            throw new UnsupportedOperationException("Cannot set timeout duration without enabling processing time"
                    + " timeout in [map|flatMap]GroupsWithState");
        }
        if (durationMs <= 0) {
            throw new IllegalArgumentException("Timeout duration must be positive");
        }
        timeoutTimestamp = durationMs + batchProcessingTimeMs;
    }

    @Override
    public void setTimeoutDuration(String duration) {
        setTimeoutDuration(parseDurationMs(duration));
    }

    @Override
    public void setTimeoutTimestamp(long timestampMs) {
        if (timeoutConf != GroupStateTimeout.EventTimeTimeout()) {
            throw new UnsupportedOperationException("Cannot set timeout timestamp without enabling event time"
                    + " timeout in [map|flatMapGroupsWithState");
        }
        if (timestampMs <= 0) {
            throw new IllegalArgumentException("Timeout timestamp must be positive");
        }
        if (watermarkPresent && timestampMs < watermarkMs) {
            throw new IllegalArgumentException("Timeout timestamp (" + timestampMs + ") cannot be earlier than the"
                    + " current watermark (" + watermarkMs + ")");
        }
        timeoutTimestamp = timestampMs;
    }

    @Override
    public void setTimeoutTimestamp(long timestampMs, String additionalDuration) {
        setTimeoutTimestamp(timestampMs + parseDurationMs(additionalDuration));
    }

    private static long parseDurationMs(String duration) {
        CalendarInterval interval;
        try {
            interval = CalendarInterval.parse(duration);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Provided duration (" + duration + ") is not valid.", e);
        }
        if (interval.months() != 0) {
            throw new IllegalArgumentException("Provided duration (" + duration + ") is not positive or has months");
        }
        long ms = interval.days() * 86_400_000L + interval.microseconds() / 1000;
        if (ms <= 0) {
            throw new IllegalArgumentException("Provided duration (" + duration + ") is not positive");
        }
        return ms;
    }

    @Override
    public long getCurrentWatermarkMs() {
        if (!watermarkPresent) {
            throw new UnsupportedOperationException("Cannot get event time watermark timestamp without setting"
                    + " watermark before [map|flatMap]GroupsWithState");
        }
        return watermarkMs;
    }

    @Override
    public long getCurrentProcessingTimeMs() {
        return batchProcessingTimeMs;
    }

    /** Whether {@link #update} was the last change. */
    public boolean isUpdated() {
        return updated;
    }

    /** Whether {@link #remove} was the last change. */
    public boolean isRemoved() {
        return removed;
    }

    /** The timeout set during this call, or {@link #NO_TIMESTAMP}. */
    public long timeoutTimestamp() {
        return timeoutTimestamp;
    }

    @Override
    public String toString() {
        return "GroupState(" + (defined ? String.valueOf(value) : "<undefined>") + ")";
    }
}
