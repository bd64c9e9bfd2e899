package dev.sluice.api.java.function;

import java.io.Serializable;

/**
 * A one-argument function, as Spark's {@code MapFunction}; used by {@code Dataset.groupByKey} to compute
 * each row's key.
 *
 * @param <T> argument type
 * @param <U> result type
 */
@FunctionalInterface
public interface MapFunction<T, U> extends Serializable {
    U call(T value) throws Exception;
}
