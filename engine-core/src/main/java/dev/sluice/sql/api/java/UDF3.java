package dev.sluice.sql.api.java;

import java.io.Serializable;

/**
 * A user-defined function of 3 arguments, as Spark's {@code org.apache.spark.sql.api.java.UDF3}: wrap it with
 * {@code functions.udf(f, returnType)} or register it with {@code session.udf().register(name, f, returnType)}.
 * Arguments arrive as the external values a {@code Row} holds (null for SQL NULL); may be called from several
 * threads at once.
 *
 * @param <T1> type of argument 1
 * @param <T2> type of argument 2
 * @param <T3> type of argument 3
 * @param <R> result type
 */
@FunctionalInterface
public interface UDF3<T1, T2, T3, R> extends Serializable {
    R call(T1 t1, T2 t2, T3 t3) throws Exception;
}
