package dev.sluice.sql.streaming;

import java.io.Serializable;

/**
 * One value per grouping key, kept across the batches of a {@code transformWithState} query, as Spark's
 * {@code ValueState}. Obtained in {@link StatefulProcessor#init} through
 * {@link StatefulProcessorHandle#getValueState}; its methods act on the key of the call being run (the
 * "implicit grouping key") and may be used only inside {@code handleInputRows}, {@code handleExpiredTimer}
 * and {@code handleInitialState}. Changes belong to the batch: they are committed with it, or discarded if
 * it fails. Used by the query's thread only.
 *
 * @param <S> the value type (an encoder maps it to rows)
 */
public interface ValueState<S> extends Serializable {
    /** Whether the key has a value (an expired value counts as absent). */
    boolean exists();

    /** The key's value, or null when it has none. */
    S get();

    /** Sets the key's value (restarting its TTL, if any). */
    void update(S newState);

    /** Removes the key's value. */
    void clear();
}
