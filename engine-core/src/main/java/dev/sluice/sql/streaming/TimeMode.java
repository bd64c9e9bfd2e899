package dev.sluice.sql.streaming;

/**
 * The notion of time a {@link StatefulProcessor} of {@code transformWithState} works with, as Spark's
 * {@code TimeMode}: none ({@link #None()}: neither timers nor TTL), the batch processing time
 * ({@link #ProcessingTime()}: timers fire once a batch's processing time reaches them; TTL counts from it),
 * or the event-time watermark ({@link #EventTime()}: timers fire once the watermark reaches them; no TTL).
 * {@link #toString()} gives Spark's names ({@code NoTime}, {@code ProcessingTime}, {@code EventTime}), which
 * error messages quote. Immutable singletons, safe to share between threads.
 */
public final class TimeMode {
    private static final TimeMode NONE = new TimeMode("NoTime");
    private static final TimeMode PROCESSING_TIME = new TimeMode("ProcessingTime");
    private static final TimeMode EVENT_TIME = new TimeMode("EventTime");

    private final String name;

    private TimeMode(String name) {
        this.name = name;
    }

    /** Neither timers nor TTL. */
    public static TimeMode None() {
        return NONE;
    }

    /** Timers and TTL on the batch processing time (the trigger's clock). */
    public static TimeMode ProcessingTime() {
        return PROCESSING_TIME;
    }

    /** Timers on the event-time watermark; TTL is not available. */
    public static TimeMode EventTime() {
        return EVENT_TIME;
    }

    @Override
    public String toString() {
        return name;
    }
}
