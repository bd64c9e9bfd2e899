package dev.sluice.sql.api.java;

import java.io.Serializable;

/**
 * A user-defined function of 0 arguments, as Spark's {@code org.apache.spark.sql.api.java.UDF0}: wrap it with
 * {@code functions.udf(f, returnType)} or register it with {@code session.udf().register(name, f, returnType)}.
 * Arguments arrive as the external values a {@code Row} holds (null for SQL NULL); may be called from several
 * threads at once.
 *
 * @param <R> result type
 */
@FunctionalInterface
public interface UDF0<R> extends Serializable {
    R call() throws Exception;
}
