package dev.sluice.api.java.function;

import java.io.Serializable;

/**
 * A two-argument function returning nothing, as Spark's {@code VoidFunction2}; used by
 * {@code DataStreamWriter.foreachBatch((dataset, batchId) -> ...)}.
 *
 * @param <T1> first argument type
 * @param <T2> second argument type
 */
@FunctionalInterface
public interface VoidFunction2<T1, T2> extends Serializable {
    void call(T1 v1, T2 v2) throws Exception;
}
