package dev.sluice.expr;

import java.util.List;
import java.util.Objects;

/** An expression with exactly two children. */
public abstract class BinaryExpression extends Expression {
    protected final Expression left;
    protected final Expression right;

    protected BinaryExpression(Expression left, Expression right) {
        this.left = Objects.requireNonNull(left, "left is null");
        this.right = Objects.requireNonNull(right, "right is null");
    }

    public final Expression left() {
        return left;
    }

    public final Expression right() {
        return right;
    }

    @Override
    public final List<Expression> children() {
        return List.of(left, right);
    }

    @Override
    public final Expression withNewChildren(List<Expression> newChildren) {
        return withNewChildren(newChildren.get(0), newChildren.get(1));
    }

    /** A copy over other children. */
    protected abstract Expression withNewChildren(Expression newLeft, Expression newRight);

    @Override
    public boolean nullable() {
        return left.nullable() || right.nullable();
    }
}
