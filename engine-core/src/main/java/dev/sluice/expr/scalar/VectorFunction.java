package dev.sluice.expr.scalar;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.DataType;
import java.util.List;

/**
 * A scalar function computed over whole argument vectors at once, for functions that read nested values
 * (structs, arrays, maps) straight from their child vectors instead of boxing every row into lists and maps as
 * {@link RowFunction} does ({@code to_json}). The result may be null whenever {@code nullable} says so.
 * Immutable and thread-safe when the operation is.
 */
public final class VectorFunction extends ScalarFunction {
    /** The operation: the evaluated argument vectors and the row count to the result vector of that many rows. */
    @FunctionalInterface
    public interface Operation {
        ColumnVector apply(ColumnVector[] arguments, int rows);
    }

    private final Operation operation;
    private final boolean nullable;

    public VectorFunction(String name, List<Expression> arguments, DataType resultType, boolean nullable,
            Operation operation) {
        super(name, arguments, resultType);
        this.operation = operation;
        this.nullable = nullable;
    }

    @Override
    public Expression withNewChildren(List<Expression> newChildren) {
        return new VectorFunction(name(), newChildren, dataType(), nullable, operation);
    }

    @Override
    public boolean nullable() {
        return nullable;
    }

    @Override
    public ColumnVector eval(Chunk input) {
        return operation.apply(evalArguments(input), input.rowCount());
    }
}
