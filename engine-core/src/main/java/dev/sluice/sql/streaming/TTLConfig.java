package dev.sluice.sql.streaming;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the values of one state variable of a {@link StatefulProcessor} live, as Spark's {@code TTLConfig}:
 * a value written in a batch expires {@link #ttlDuration()} after that batch's processing time; from the batch
 * whose processing time reaches that instant it is no longer returned, and the end of that batch removes it
 * from the state store. Each update restarts the count (for lists and maps: per element or entry).
 * {@link #NONE()} (a zero duration) keeps values until they are removed. TTL needs
 * {@link TimeMode#ProcessingTime()}. Immutable value.
 */
public final class TTLConfig {
    private static final TTLConfig NONE = new TTLConfig(Duration.ZERO);

    private final Duration ttlDuration;

    /**
     * @param ttlDuration the time to live of each value (positive), or {@link Duration#ZERO} for none
     */
    public TTLConfig(Duration ttlDuration) {
        this.ttlDuration = ttlDuration;
    }

    /** No TTL: values stay until removed. */
    public static TTLConfig NONE() {
        return NONE;
    }

    public Duration ttlDuration() {
        return ttlDuration;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TTLConfig t && Objects.equals(ttlDuration, t.ttlDuration);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(ttlDuration);
    }

    @Override
    public String toString() {
        return "TTLConfig(" + ttlDuration + ")";
    }
}
