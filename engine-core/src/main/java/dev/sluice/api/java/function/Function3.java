package dev.sluice.api.java.function;

import java.io.Serializable;

/**
 * A three-argument function, as Spark's {@code org.apache.spark.api.java.function.Function3}; used by
 * {@code functions.map_zip_with} for its {@code (key, value1, value2) -> ...} lambda.
 *
 * @param <T1> first argument type
 * @param <T2> second argument type
 * @param <T3> third argument type
 * @param <R> result type
 */
@FunctionalInterface
public interface Function3<T1, T2, T3, R> extends Serializable {
    R call(T1 v1, T2 v2, T3 v3) throws Exception;
}
