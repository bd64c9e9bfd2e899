package dev.sluice.api.java.function;

import java.io.Serializable;

/**
 * The function of {@code Dataset.reduce} and {@code KeyValueGroupedDataset.reduceGroups}, as Spark's {@code
 * ReduceFunction}: must be associative and commutative, as the order of the calls is not defined. Implementations
 * may be called from several threads at once (one per morsel of input), as Spark calls them from several tasks.
 *
 * @param <T> object type
 */
@FunctionalInterface
public interface ReduceFunction<T> extends Serializable {
    T call(T v1, T v2) throws Exception;
}
