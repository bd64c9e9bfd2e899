package dev.sluice.sql.expressions;

import dev.sluice.sql.Encoder;
import dev.sluice.sql.TypedColumn;
import java.io.Serializable;

/**
 * A user-defined typed aggregation, as Spark's {@code org.apache.spark.sql.expressions.Aggregator}: folds the
 * input objects of a group into a buffer ({@link #zero}, {@link #reduce}), combines partial buffers
 * ({@link #merge}) and turns the final buffer into the result ({@link #finish}). Use it typed with
 * {@link #toColumn()} ({@code ds.select(agg.toColumn())}, {@code df.groupBy(...).agg(agg.toColumn())}) or
 * untyped with {@code functions.udaf(agg, inputEncoder)}, in batch and streaming aggregations (the state holds
 * the buffer as a row of {@link #bufferEncoder()}'s schema). {@code reduce} and {@code merge} may change their
 * first argument and return it; {@code zero()} must return a new buffer on every call. One aggregator object
 * is shared by every task thread: keep it free of mutable fields.
 *
 * @param <IN> input type
 * @param <BUF> buffer type
 * @param <OUT> result type
 */
public abstract class Aggregator<IN, BUF, OUT> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A new empty buffer; {@code merge(zero(), b)} must equal {@code b}. */
    public abstract BUF zero();

    /** {@code b} with {@code a} folded in. */
    public abstract BUF reduce(BUF b, IN a);

    /** Two buffers combined. */
    public abstract BUF merge(BUF b1, BUF b2);

    /** The result of the final buffer. */
    public abstract OUT finish(BUF reduction);

    /** The encoder of the buffer (its schema is the layout of partial results and of streaming state). */
    public abstract Encoder<BUF> bufferEncoder();

    /** The encoder of the result. */
    public abstract Encoder<OUT> outputEncoder();

    /**
     * This aggregation as a column whose input is the whole object (row) of the Dataset it is selected from;
     * its column name is the aggregator's class name (rename it with {@code name(...)}).
     */
    public TypedColumn<IN, OUT> toColumn() {
        return TypedColumn.of(this, getClass().getSimpleName());
    }
}
