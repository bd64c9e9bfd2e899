package dev.sluice.expr.aggregate;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.DataType;
import java.util.List;

/**
 * An aggregate such as {@code sum(x)}: not evaluated row by row but through {@link Accumulator}s created
 * per operator instance. Immutable; its children are the argument expressions.
 */
public abstract class AggregateFunction extends Expression {
    protected final List<Expression> arguments;

    protected AggregateFunction(List<Expression> arguments) {
        this.arguments = List.copyOf(arguments);
    }

    @Override
    public List<Expression> children() {
        return arguments;
    }

    /** A fresh, empty accumulator. */
    public abstract Accumulator createAccumulator();

    /** The types of the intermediate buffer columns (the layout of state kept between batches). */
    public abstract List<DataType> bufferTypes();

    @Override
    public ColumnVector eval(Chunk input) {
        throw new UnsupportedOperationException("aggregate " + sql() + " can only be evaluated by an aggregation");
    }

    @Override
    public boolean foldable() {
        return false;
    }
}
