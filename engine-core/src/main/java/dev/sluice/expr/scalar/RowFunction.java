package dev.sluice.expr.scalar;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.DataType;
import java.util.List;

/**
 * A scalar function over values in internal (boxed) form, for functions whose per-row work dwarfs the
 * boxing: string manipulation, parsing, regular expressions, collections, JSON. Numeric hot paths use the
 * primitive helpers ({@link DoubleFunction}, {@link IntFunction2}, ...) instead.
 * With {@code nullIntolerant} a null argument gives a null result without calling the operation.
 * Immutable and thread-safe when the operation is.
 */
public final class RowFunction extends ScalarFunction {
    /** The per-row operation: argument values (internal form) to the result value (null for SQL NULL). */
    @FunctionalInterface
    public interface Operation {
        Object apply(Object[] arguments);
    }

    private final Operation operation;
    private final boolean nullIntolerant;

    public RowFunction(String name, List<Expression> arguments, DataType resultType, boolean nullIntolerant,
            Operation operation) {
        super(name, arguments, resultType);
        this.operation = operation;
        this.nullIntolerant = nullIntolerant;
    }

    @Override
    public Expression withNewChildren(List<Expression> newChildren) {
        return new RowFunction(name(), newChildren, dataType(), nullIntolerant, operation);
    }

    @Override
    public ColumnVector eval(Chunk input) {
        List<Expression> children = children();
        ColumnVector[] vectors = new ColumnVector[children.size()];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = children.get(i).eval(input);
        }
        int rows = input.rowCount();
        ColumnVector out = ColumnVector.allocate(dataType(), rows);
        Object[] values = new Object[vectors.length];
        for (int row = 0; row < rows; row++) {
            boolean anyNull = false;
            for (int i = 0; i < vectors.length; i++) {
                values[i] = vectors[i].getObject(row);
                anyNull |= values[i] == null;
            }
            out.appendObject(nullIntolerant && anyNull ? null : operation.apply(values));
        }
        return out;
    }
}
