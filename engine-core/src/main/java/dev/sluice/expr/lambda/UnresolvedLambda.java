package dev.sluice.expr.lambda;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.DataType;
import java.util.List;
import java.util.Objects;

/**
 * A lambda function as written ({@code x -> x + 1} in SQL text, a Java lambda passed to
 * {@code functions.transform}) before the higher-order function that receives it gives its parameters types.
 * The body is deliberately not a child: the analyzer resolves expressions bottom-up, and the body can only be
 * resolved once the parameters are known, in a scope where they shadow columns of the same name (Spark's
 * {@code ResolveLambdaVariables}). Immutable.
 */
public final class UnresolvedLambda extends Expression {
    private final List<String> parameters;
    private final Expression body;

    /** {@code parameters} are the names the body uses; {@code body} is unresolved. */
    public UnresolvedLambda(List<String> parameters, Expression body) {
        this.parameters = List.copyOf(parameters);
        this.body = Objects.requireNonNull(body, "body is null");
        if (this.parameters.isEmpty()) {
            throw new IllegalArgumentException("a lambda function needs at least one parameter");
        }
    }

    public List<String> parameters() {
        return parameters;
    }

    public Expression body() {
        return body;
    }

    @Override
    public List<Expression> children() {
        return List.of();
    }

    @Override
    public Expression withNewChildren(List<Expression> newChildren) {
        return this;
    }

    @Override
    public boolean resolved() {
        return false;
    }

    @Override
    public boolean foldable() {
        return false;
    }

    @Override
    public DataType dataType() {
        throw new UnsupportedOperationException("unresolved lambda function " + sql());
    }

    @Override
    public ColumnVector eval(Chunk input) {
        throw new UnsupportedOperationException("unresolved lambda function " + sql());
    }

    /** Spark's text of an unbound lambda: {@code lambdafunction(<body>, x, y)}, parameters by name. */
    @Override
    public String sql() {
        StringBuilder sb = new StringBuilder("lambdafunction(").append(UnresolvedSql.of(body));
        for (String parameter : parameters) {
            sb.append(", ").append(parameter);
        }
        return sb.append(')').toString();
    }
}
