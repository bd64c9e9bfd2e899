package dev.sluice.expr;

import java.util.List;

/** An expression without children. */
public abstract class LeafExpression extends Expression {
    @Override
    public final List<Expression> children() {
        return List.of();
    }

    @Override
    public final Expression withNewChildren(List<Expression> newChildren) {
        if (!newChildren.isEmpty()) {
            throw new IllegalArgumentException(prettyName() + " has no children");
        }
        return this;
    }
}
