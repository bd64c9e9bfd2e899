package dev.sluice.expr;

import dev.sluice.sql.types.DataType;
import java.util.List;

/**
 * A user-defined scalar function as the engine sees it (internal API; {@code functions.udf} builds one): its
 * name in column names ({@code UDF} when unnamed), result type, arity, whether it is deterministic, and how to
 * call it on internal values once the argument types are known. Immutable and thread-safe.
 */
public interface UserFunction {
    /** The name shown in column names and plans. */
    String name();

    DataType returnType();

    /** Number of arguments. */
    int arity();

    boolean deterministic();

    boolean nullable();

    /** A caller of the function for arguments of {@code argumentTypes} (bound once per expression). */
    Invoker bind(List<DataType> argumentTypes);

    /** Calls the function on the internal values of one row; returns the internal value of the result. */
    @FunctionalInterface
    interface Invoker {
        Object invoke(Object[] arguments) throws Exception;
    }
}
