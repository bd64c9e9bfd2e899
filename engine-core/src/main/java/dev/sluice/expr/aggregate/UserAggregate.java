package dev.sluice.expr.aggregate;

import dev.sluice.sql.types.DataType;
import java.util.List;

/**
 * A user-defined aggregate as the engine sees it (internal API; {@code functions.udaf} and
 * {@code Aggregator.toColumn()} build one): its name, result type, buffer type (a struct: the layout of the
 * buffer in partial aggregation and in streaming state), and how to fold values once the argument types are
 * known. Immutable and thread-safe; each {@link Binding} call may run on any task thread.
 */
public interface UserAggregate {
    String name();

    DataType returnType();

    /** The buffer as stored between partial aggregations and micro-batches. */
    DataType bufferType();

    /** The functions over the buffer objects for arguments of {@code argumentTypes}. */
    Binding bind(List<DataType> argumentTypes);

    /** Folds of the buffer object ({@code BUF}); buffer objects never leave one accumulator. */
    interface Binding {
        /** A new empty buffer. */
        Object zero() throws Exception;

        /** {@code buffer} with one row of internal argument values folded in (may be {@code buffer} itself). */
        Object reduce(Object buffer, Object[] arguments) throws Exception;

        /** Two buffers combined. */
        Object merge(Object buffer, Object other) throws Exception;

        /** The result of a buffer, as an internal value of {@link #returnType()}. */
        Object finish(Object buffer) throws Exception;

        /** A buffer as an internal value of {@link #bufferType()}. */
        Object store(Object buffer) throws Exception;

        /** The buffer of an internal value of {@link #bufferType()}. */
        Object load(Object stored) throws Exception;
    }
}
