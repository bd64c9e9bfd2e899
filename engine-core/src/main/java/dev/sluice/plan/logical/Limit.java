package dev.sluice.plan.logical;

import dev.sluice.expr.AttributeReference;
import java.util.List;

/** The first {@code limit} rows of its input. */
public final class Limit extends UnaryNode {
    private final int limit;

    public Limit(int limit, LogicalPlan child) {
        super(child);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }

    @Override
    public List<AttributeReference> output() {
        return child.output();
    }

    @Override
    public String describe() {
        return "Limit " + limit;
    }
}
