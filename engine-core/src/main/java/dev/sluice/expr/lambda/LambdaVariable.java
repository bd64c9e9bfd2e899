package dev.sluice.expr.lambda;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.LeafExpression;
import dev.sluice.sql.types.DataType;
import java.util.Objects;

/**
 * A parameter of a bound {@link LambdaFunction} (Spark's {@code NamedLambdaVariable}): its type and nullability
 * come from the higher-order function ({@code x} of {@code transform(arr, x -> ...)} has the element type of
 * {@code arr}). Identified by a unique id, so nested lambdas that reuse a name stay apart. It is never evaluated
 * by itself: the higher-order function rebinds the body so that the variable reads a column of the per-element
 * chunk it builds (see {@link LambdaEvaluator}). Immutable.
 */
public final class LambdaVariable extends LeafExpression {
    private final String name;
    private final DataType dataType;
    private final boolean nullable;
    private final long id;

    public LambdaVariable(String name, DataType dataType, boolean nullable) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.dataType = Objects.requireNonNull(dataType, "dataType is null");
        this.nullable = nullable;
        this.id = AttributeReference.newExprId();
    }

    public String name() {
        return name;
    }

    public long id() {
        return id;
    }

    @Override
    public DataType dataType() {
        return dataType;
    }

    @Override
    public boolean nullable() {
        return nullable;
    }

    @Override
    public boolean foldable() {
        return false;
    }

    @Override
    public ColumnVector eval(Chunk input) {
        throw new IllegalStateException("lambda variable " + name + "#" + id + " was not bound by its function");
    }

    /** Spark prints every lambda variable as {@code namedlambdavariable()} in generated column names. */
    @Override
    public String sql() {
        return "namedlambdavariable()";
    }

    @Override
    public String toString() {
        return "lambda " + name + "#" + id;
    }
}
