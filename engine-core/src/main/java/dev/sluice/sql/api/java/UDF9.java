package dev.sluice.sql.api.java;

import java.io.Serializable;

/**
 * A user-defined function of 9 arguments, as Spark's {@code org.apache.spark.sql.api.java.UDF9}: wrap it with
 * {@code functions.udf(f, returnType)} or register it with {@code session.udf().register(name, f, returnType)}.
 * Arguments arrive as the external values a {@code Row} holds (null for SQL NULL); may be called from several
 * threads at once.
 *
 * @param <T1> type of argument 1
 * @param <T2> type of argument 2
 * @param <T3> type of argument 3
 * @param <T4> type of argument 4
 * @param <T5> type of argument 5
 * @param <T6> type of argument 6
 * @param <T7> type of argument 7
 * @param <T8> type of argument 8
 * @param <T9> type of argument 9
 * @param <R> result type
 */
@FunctionalInterface
public interface UDF9<T1, T2, T3, T4, T5, T6, T7, T8, T9, R> extends Serializable {
    R call(T1 t1, T2 t2, T3 t3, T4 t4, T5 t5, T6 t6, T7 t7, T8 t8, T9 t9) throws Exception;
}
