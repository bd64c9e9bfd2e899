package dev.sluice.api.java.function;

import dev.sluice.sql.streaming.GroupState;
import java.io.Serializable;
import java.util.Iterator;

/**
 * The function of {@code KeyValueGroupedDataset.mapGroupsWithState}, as Spark's: called once per group
 * with data in a batch (and once per timed-out group, with no values), returns exactly one output value.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <S> state type
 * @param <R> output type
 */
@FunctionalInterface
public interface MapGroupsWithStateFunction<K, V, S, R> extends Serializable {
    R call(K key, Iterator<V> values, GroupState<S> state) throws Exception;
}
