package dev.sluice.sql.streaming;

import java.util.Optional;

/**
 * The state of one group handed to the function of {@code [flat]MapGroupsWithState}, as Spark's
 * {@code GroupState}: read it ({@link #exists}, {@link #get}, {@link #getOption}), replace it
 * ({@link #update}) or drop it ({@link #remove}); with a timeout configured, arrange for the function to
 * be called again for this group without data ({@link #setTimeoutDuration}, {@link #setTimeoutTimestamp}),
 * at which call {@link #hasTimedOut} is true. A timeout is cleared by every call unless set again. Valid only
 * during the call it was passed to; not thread-safe.
 *
 * @param <S> the state type
 */
public interface GroupState<S> {
    /** Whether the group has state. */
    boolean exists();

    /**
     * The state.
     *
     * @throws java.util.NoSuchElementException when there is none
     */
    S get();

    /** The state, if any. */
    Optional<S> getOption();

    /**
     * Replaces the state.
     *
     * @throws IllegalArgumentException for null
     */
    void update(S newState);

    /** Removes the state (a timeout set in the same call keeps the group's entry until it fires). */
    void remove();

    /** Whether this call is for a group whose timeout expired (then the values are empty). */
    boolean hasTimedOut();

    /**
     * Times the group out {@code durationMs} after the current batch's processing time.
     *
     * @throws UnsupportedOperationException unless the timeout is {@code ProcessingTimeTimeout}
     * @throws IllegalArgumentException for a duration not positive
     */
    void setTimeoutDuration(long durationMs);

    /** {@link #setTimeoutDuration(long)} with an interval such as {@code "10 seconds"}. */
    void setTimeoutDuration(String duration);

    /**
     * Times the group out once the watermark passes {@code timestampMs} (epoch ms).
     *
     * @throws UnsupportedOperationException unless the timeout is {@code EventTimeTimeout}
     * @throws IllegalArgumentException for a timestamp not positive or before the current watermark
     */
    void setTimeoutTimestamp(long timestampMs);

    /** {@link #setTimeoutTimestamp(long)} with an additional interval such as {@code "1 hour"}. */
    void setTimeoutTimestamp(long timestampMs, String additionalDuration);

    /**
     * The event-time watermark of the batch (epoch ms).
     *
     * @throws UnsupportedOperationException when the query has no watermark
     */
    long getCurrentWatermarkMs();

    /** The processing time of the batch (epoch ms). */
    long getCurrentProcessingTimeMs();
}
