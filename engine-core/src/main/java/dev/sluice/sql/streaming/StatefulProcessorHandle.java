package dev.sluice.sql.streaming;

import dev.sluice.sql.Encoder;
import java.io.Serializable;
import java.util.Iterator;

/**
 * What a {@link StatefulProcessor} reaches its state and timers through ({@link StatefulProcessor#getHandle()}),
 * as Spark's {@code StatefulProcessorHandle}.
 *
 * <p>Phases, as Spark's handle states: state variables are declared ({@code getValueState},
 * {@code getListState}, {@code getMapState}) and dropped ({@link #deleteIfExists}) only inside
 * {@link StatefulProcessor#init}; timers are registered, deleted and listed only while a key is being handled
 * ({@code handleInputRows}, {@code handleExpiredTimer}, {@code handleInitialState}) and not with
 * {@link TimeMode#None()}. Anything else fails with
 * {@code STATEFUL_PROCESSOR_CANNOT_PERFORM_OPERATION_WITH_INVALID_HANDLE_STATE} or
 * {@code STATEFUL_PROCESSOR_CANNOT_PERFORM_OPERATION_WITH_INVALID_TIME_MODE}.
 *
 * <p>Names: each state variable is its own key space in the state store, named by {@code stateName}, which
 * must be unique in the processor ({@code STATEFUL_PROCESSOR_DUPLICATE_STATE_VARIABLE_DEFINED}), not empty,
 * not {@code default}, without leading or trailing spaces, and not starting with {@code $} (reserved for
 * timers). Threading: used by the query's thread only.
 */
public interface StatefulProcessorHandle extends Serializable {
    /** A state variable of one value per grouping key, with the given TTL ({@link TTLConfig#NONE()}: none). */
    <T> ValueState<T> getValueState(String stateName, Encoder<T> valEncoder, TTLConfig ttlConfig);

    /** A state variable of a list per grouping key, with the given TTL per element. */
    <T> ListState<T> getListState(String stateName, Encoder<T> valEncoder, TTLConfig ttlConfig);

    /** A state variable of a map per grouping key, with the given TTL per entry. */
    <K, V> MapState<K, V> getMapState(String stateName, Encoder<K> userKeyEnc, Encoder<V> valEncoder,
                                      TTLConfig ttlConfig);

    /** The query, run and batch being processed. */
    QueryInfo getQueryInfo();

    /**
     * Registers a timer of the current grouping key at {@code expiryTimestampMs} (epoch ms; registering the
     * same time twice keeps one timer). It fires once the batch processing time ({@link TimeMode#ProcessingTime()})
     * or the watermark ({@link TimeMode#EventTime()}) reaches it, through
     * {@link StatefulProcessor#handleExpiredTimer}, and is then deleted.
     */
    void registerTimer(long expiryTimestampMs);

    /** Deletes the current grouping key's timer at {@code expiryTimestampMs}, if any. */
    void deleteTimer(long expiryTimestampMs);

    /** The current grouping key's registered timers, in ascending time order. */
    Iterator<Long> listTimers();

    /** Drops the state variable {@code stateName} and every value it holds for every key, if it exists. */
    void deleteIfExists(String stateName);
}
