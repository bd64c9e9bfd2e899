package dev.sluice.api.java.function;

import java.io.Serializable;
import java.util.Iterator;

/**
 * The function of {@code KeyValueGroupedDataset.flatMapGroups}, as Spark's {@code FlatMapGroupsFunction}: called
 * once per key with its values, returns any number of results. Implementations may be called from several threads
 * at once (one per morsel of input), as Spark calls them from several tasks.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <R> result type
 */
@FunctionalInterface
public interface FlatMapGroupsFunction<K, V, R> extends Serializable {
    Iterator<R> call(K key, Iterator<V> values) throws Exception;
}
