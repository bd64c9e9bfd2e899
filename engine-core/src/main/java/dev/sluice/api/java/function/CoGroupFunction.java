package dev.sluice.api.java.function;

import java.io.Serializable;
import java.util.Iterator;

/**
 * The function of {@code KeyValueGroupedDataset.cogroup}, as Spark's {@code CoGroupFunction}: called once per key
 * present on either side, with the values of both sides (one may be empty). Implementations may be called from
 * several threads at once (one per morsel of input), as Spark calls them from several tasks.
 *
 * @param <K> key type
 * @param <V1> left value type
 * @param <V2> right value type
 * @param <R> result type
 */
@FunctionalInterface
public interface CoGroupFunction<K, V1, V2, R> extends Serializable {
    Iterator<R> call(K key, Iterator<V1> left, Iterator<V2> right) throws Exception;
}
