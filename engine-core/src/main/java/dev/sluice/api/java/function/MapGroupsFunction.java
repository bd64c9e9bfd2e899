package dev.sluice.api.java.function;

import java.io.Serializable;
import java.util.Iterator;

/**
 * The function of {@code KeyValueGroupedDataset.mapGroups}, as Spark's {@code MapGroupsFunction}: called once per
 * key with its values, returns one result. Implementations may be called from several threads at once (one per
 * morsel of input), as Spark calls them from several tasks.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <R> result type
 */
@FunctionalInterface
public interface MapGroupsFunction<K, V, R> extends Serializable {
    R call(K key, Iterator<V> values) throws Exception;
}
