package dev.sluice.sql.streaming;

import java.io.Serializable;

/**
 * The timer that fired, handed to {@link StatefulProcessor#handleExpiredTimer}, as Spark's
 * {@code ExpiredTimerInfo}. Immutable.
 */
public interface ExpiredTimerInfo extends Serializable {
    /** The timer's expiry time, epoch milliseconds. */
    long getExpiryTimeInMs();
}
