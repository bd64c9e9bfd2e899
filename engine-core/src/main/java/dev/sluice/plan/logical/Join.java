package dev.sluice.plan.logical;

import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import java.util.ArrayList;
import java.util.List;

/** Joins two inputs on an optional boolean condition; output is left columns then right columns. */
public final class Join extends LogicalPlan {
    private final LogicalPlan left;
    private final LogicalPlan right;
    private final JoinType joinType;
    private final Expression condition;

    /** {@code condition} may be null (cross product). */
    public Join(LogicalPlan left, LogicalPlan right, JoinType joinType, Expression condition) {
        this.left = left;
        this.right = right;
        this.joinType = joinType;
        this.condition = condition;
    }

    public LogicalPlan left() {
        return left;
    }

    public LogicalPlan right() {
        return right;
    }

    public JoinType joinType() {
        return joinType;
    }

    /** The join condition, or null. */
    public Expression condition() {
        return condition;
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of(left, right);
    }

    @Override
    public List<AttributeReference> output() {
        List<AttributeReference> out = new ArrayList<>();
        for (AttributeReference a : left.output()) {
            out.add(joinType.leftNullable() ? a.withNullability(true) : a);
        }
        if (joinType.outputsRight()) {
            for (AttributeReference a : right.output()) {
                out.add(joinType.rightNullable() ? a.withNullability(true) : a);
            }
        }
        return out;
    }

    @Override
    public List<Expression> expressions() {
        return condition == null ? List.of() : List.of(condition);
    }

    @Override
    public String describe() {
        return "Join " + joinType + (condition == null ? "" : ", " + condition.sql());
    }
}
