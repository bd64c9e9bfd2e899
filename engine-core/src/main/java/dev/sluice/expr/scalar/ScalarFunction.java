package dev.sluice.expr.scalar;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.DataType;
import java.util.List;
import java.util.Objects;

/**
 * Base of the built-in scalar functions: a name, resolved (already coerced) arguments and a result type.
 * Subclasses hold a stateless per-value operation chosen by the builder and implement the vectorized loop.
 * The generated column name is {@code name(arg1, arg2)}; implicit casts inserted by the builders are
 * invisible in it, as in Spark. Immutable and thread-safe.
 */
public abstract class ScalarFunction extends Expression {
    private final String name;
    private final List<Expression> arguments;
    private final DataType resultType;

    protected ScalarFunction(String name, List<Expression> arguments, DataType resultType) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.arguments = List.copyOf(arguments);
        this.resultType = Objects.requireNonNull(resultType, "resultType is null");
    }

    @Override
    public final List<Expression> children() {
        return arguments;
    }

    @Override
    public final DataType dataType() {
        return resultType;
    }

    @Override
    public final String prettyName() {
        return name;
    }

    /** Every argument evaluated over {@code input}, in order. */
    protected final ColumnVector[] evalArguments(Chunk input) {
        ColumnVector[] vectors = new ColumnVector[arguments.size()];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = arguments.get(i).eval(input);
        }
        return vectors;
    }

    /** The function name as registered. */
    public final String name() {
        return name;
    }
}
