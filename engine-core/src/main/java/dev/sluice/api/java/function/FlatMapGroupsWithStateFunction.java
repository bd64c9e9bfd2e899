package dev.sluice.api.java.function;

import dev.sluice.sql.streaming.GroupState;
import java.io.Serializable;
import java.util.Iterator;

/**
 * The function of {@code KeyValueGroupedDataset.flatMapGroupsWithState}, as Spark's: called once per group
 * with data in a batch (and once per timed-out group, with no values), returns any number of output values.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <S> state type
 * @param <R> output type
 */
@FunctionalInterface
public interface FlatMapGroupsWithStateFunction<K, V, S, R> extends Serializable {
    Iterator<R> call(K key, Iterator<V> values, GroupState<S> state) throws Exception;
}
