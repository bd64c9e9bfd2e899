package dev.sluice.plan.logical;

import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import java.util.ArrayList;
import java.util.List;

/**
 * Spark's {@code Expand}: every input row becomes one output row per projection, in order. Grouping sets
 * ({@code rollup}, {@code cube}, {@code GROUPING SETS}) use it to repeat each row once per set, with the grouping
 * columns a set leaves out nulled and a constant grouping id. Stateless per row, so it runs on streams too.
 * Immutable.
 */
public final class Expand extends UnaryNode {
    private final List<List<Expression>> projections;
    private final List<AttributeReference> output;

    /** Each projection has one (unnamed) expression per column of {@code output}, bound to the child's output. */
    public Expand(List<List<Expression>> projections, List<AttributeReference> output, LogicalPlan child) {
        super(child);
        for (List<Expression> p : projections) {
            if (p.size() != output.size()) {
                throw new IllegalArgumentException("projection of " + p.size() + " columns for " + output.size());
            }
        }
        this.projections = projections.stream().map(List::copyOf).toList();
        this.output = List.copyOf(output);
    }

    public List<List<Expression>> projections() {
        return projections;
    }

    @Override
    public List<AttributeReference> output() {
        return output;
    }

    @Override
    public List<Expression> expressions() {
        List<Expression> all = new ArrayList<>();
        projections.forEach(all::addAll);
        return all;
    }

    @Override
    public String describe() {
        List<String> sets = new ArrayList<>();
        for (List<Expression> p : projections) {
            sets.add(list(p));
        }
        List<Expression> out = new ArrayList<>(output);
        return "Expand [" + String.join(", ", sets) + "], " + list(out);
    }
}
