package dev.sluice.sql.streaming;

import java.io.Serializable;
import java.util.Iterator;
import java.util.Map;

/**
 * A map per grouping key, kept across batches, as Spark's {@code MapState}. Same access rules as
 * {@link ValueState}. Iteration follows the order in which user keys were first added. Spark's Scala
 * {@code iterator()} yields {@code (K, V)} tuples; Sluice, which has no Scala library, yields
 * {@link Map.Entry}s. With a TTL each entry expires on its own. Used by the query's thread only.
 *
 * @param <K> the user key type
 * @param <V> the value type
 */
public interface MapState<K, V> extends Serializable {
    /** Whether the grouping key has at least one (unexpired) entry. */
    boolean exists();

    /** The value of {@code key}, or null when absent. */
    V getValue(K key);

    /** Whether {@code key} has a value. */
    boolean containsKey(K key);

    /** Sets the value of {@code key} (restarting its TTL, if any). */
    void updateValue(K key, V value);

    /** The entries of the grouping key's map. */
    Iterator<Map.Entry<K, V>> iterator();

    /** The user keys of the grouping key's map. */
    Iterator<K> keys();

    /** The values of the grouping key's map. */
    Iterator<V> values();

    /** Removes {@code key}. */
    void removeKey(K key);

    /** Removes the grouping key's whole map. */
    void clear();
}
