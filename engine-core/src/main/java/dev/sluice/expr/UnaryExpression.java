package dev.sluice.expr;

import java.util.List;
import java.util.Objects;

/** An expression with exactly one child. */
public abstract class UnaryExpression extends Expression {
    protected final Expression child;

    protected UnaryExpression(Expression child) {
        this.child = Objects.requireNonNull(child, "child is null");
    }

    public final Expression child() {
        return child;
    }

    @Override
    public final List<Expression> children() {
        return List.of(child);
    }

    @Override
    public final Expression withNewChildren(List<Expression> newChildren) {
        return withNewChild(newChildren.get(0));
    }

    /** A copy over another child. */
    protected abstract Expression withNewChild(Expression newChild);

    @Override
    public boolean nullable() {
        return child.nullable();
    }
}
