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
 * {@link #nullable()} follows a {@link Nullability} chosen as the Spark expression the function implements
 * declares it (the schema, and so {@code printSchema()}, depends on it).
 * Immutable and thread-safe when the operation is.
 */
public final class RowFunction extends ScalarFunction {
    /** The per-row operation: argument values (internal form) to the result value (null for SQL NULL). */
    @FunctionalInterface
    public interface Operation {
        Object apply(Object[] arguments);
    }

    /** How the result's nullability follows from the arguments (Spark's {@code nullable} of the expression). */
    @FunctionalInterface
    public interface Nullability {
        /** May be null whatever the arguments (Spark's {@code nullable = true} overrides). */
        Nullability ALWAYS = arguments -> true;
        /** Never null. */
        Nullability NEVER = arguments -> false;
        /** Null only when an argument may be (Spark's default for most expressions). */
        Nullability ANY_ARGUMENT = arguments -> {
            for (Expression argument : arguments) {
                if (argument.nullable()) {
                    return true;
                }
            }
            return false;
        };
        /** Null only when the first argument may be ({@code concat_ws}'s separator). */
        Nullability FIRST_ARGUMENT = arguments -> arguments.get(0).nullable();

        /** Whether the result may be null, given the (resolved) arguments. */
        boolean nullable(List<Expression> arguments);
    }

    private final Operation operation;
    private final boolean nullIntolerant;
    private final Nullability nullability;
    /** Computed once, from the arguments' own (already computed) nullability: no recursion down a deep chain. */
    private final boolean nullable;

    /** A function whose result may always be null. */
    public RowFunction(String name, List<Expression> arguments, DataType resultType, boolean nullIntolerant,
            Operation operation) {
        this(name, arguments, resultType, nullIntolerant, Nullability.ALWAYS, operation);
    }

    /**
     * A function whose result's nullability follows {@code nullability}; the operation must then never return
     * null for non-null arguments unless {@code nullability} is {@link Nullability#ALWAYS}.
     */
    public RowFunction(String name, List<Expression> arguments, DataType resultType, boolean nullIntolerant,
            Nullability nullability, Operation operation) {
        super(name, arguments, resultType);
        this.operation = operation;
        this.nullIntolerant = nullIntolerant;
        this.nullability = java.util.Objects.requireNonNull(nullability, "nullability is null");
        this.nullable = nullability.nullable(arguments);
    }

    @Override
    public Expression withNewChildren(List<Expression> newChildren) {
        return new RowFunction(name(), newChildren, dataType(), nullIntolerant, nullability, operation);
    }

    @Override
    public boolean nullable() {
        return nullable;
    }

    @Override
    public ColumnVector eval(Chunk input) {
        ColumnVector[] vectors = evalArguments(input);
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
