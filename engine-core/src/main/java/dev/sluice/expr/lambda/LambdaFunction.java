package dev.sluice.expr.lambda;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.DataType;
import java.util.List;
import java.util.Objects;

/**
 * A bound lambda function: a resolved body and the {@link LambdaVariable}s it may read. {@code hidden} marks the
 * lambda Spark builds around a plain expression passed where a function is expected ({@code transform(arr, 1)}):
 * its variables ({@code col0}, ...) are never referenced. Only the body is a child, so rules that rewrite
 * expressions (binding columns to ordinals) reach it. Immutable.
 */
public final class LambdaFunction extends Expression {
    private final Expression body;
    private final List<LambdaVariable> variables;
    private final boolean hidden;

    public LambdaFunction(Expression body, List<LambdaVariable> variables, boolean hidden) {
        this.body = Objects.requireNonNull(body, "body is null");
        this.variables = List.copyOf(variables);
        this.hidden = hidden;
    }

    public Expression body() {
        return body;
    }

    public List<LambdaVariable> variables() {
        return variables;
    }

    public boolean hidden() {
        return hidden;
    }

    @Override
    public List<Expression> children() {
        return List.of(body);
    }

    @Override
    public Expression withNewChildren(List<Expression> newChildren) {
        return new LambdaFunction(newChildren.get(0), variables, hidden);
    }

    @Override
    public DataType dataType() {
        return body.dataType();
    }

    @Override
    public boolean nullable() {
        return body.nullable();
    }

    @Override
    public boolean foldable() {
        return false;
    }

    @Override
    public ColumnVector eval(Chunk input) {
        throw new IllegalStateException("a lambda function is evaluated by its higher-order function: " + sql());
    }

    /** Spark's text: {@code lambdafunction(<body>, namedlambdavariable(), ...)}. */
    @Override
    public String sql() {
        StringBuilder sb = new StringBuilder("lambdafunction(").append(body.sql());
        for (LambdaVariable variable : variables) {
            sb.append(", ").append(variable.sql());
        }
        return sb.append(')').toString();
    }
}
