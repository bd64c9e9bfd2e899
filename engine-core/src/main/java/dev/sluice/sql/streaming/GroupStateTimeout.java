package dev.sluice.sql.streaming;

/**
 * When the state of a group of {@code [flat]MapGroupsWithState} times out, as Spark's
 * {@code GroupStateTimeout}: never ({@link #NoTimeout()}), a processing-time duration after the batch that
 * set it ({@link #ProcessingTimeTimeout()}, {@link GroupState#setTimeoutDuration}), or once the watermark
 * passes a timestamp ({@link #EventTimeTimeout()}, {@link GroupState#setTimeoutTimestamp}). Immutable.
 */
public final class GroupStateTimeout {
    private static final GroupStateTimeout NONE = new GroupStateTimeout("NoTimeout");
    private static final GroupStateTimeout PROCESSING_TIME = new GroupStateTimeout("ProcessingTimeTimeout");
    private static final GroupStateTimeout EVENT_TIME = new GroupStateTimeout("EventTimeTimeout");

    private final String name;

    private GroupStateTimeout(String name) {
        this.name = name;
    }

    /** Timeouts driven by the batch processing time. */
    public static GroupStateTimeout ProcessingTimeTimeout() {
        return PROCESSING_TIME;
    }

    /** Timeouts driven by the event-time watermark (the query needs {@code withWatermark}). */
    public static GroupStateTimeout EventTimeTimeout() {
        return EVENT_TIME;
    }

    /** No timeout. */
    public static GroupStateTimeout NoTimeout() {
        return NONE;
    }

    @Override
    public String toString() {
        return name;
    }
}
