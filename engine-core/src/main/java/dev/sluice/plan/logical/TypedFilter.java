package dev.sluice.plan.logical;

import dev.sluice.expr.AttributeReference;
import dev.sluice.expr.Expression;
import java.util.List;
import java.util.Objects;

/**
 * {@code Dataset.filter(FilterFunction)} (Spark's {@code TypedFilter}): keeps the rows whose object (built from
 * the {@link #deserializer()} expressions over the child's output) the {@link #predicate()} accepts. The
 * output is the child's, unchanged (event-time columns and watermarks pass through). Immutable.
 */
public final class TypedFilter extends UnaryNode {
    private final ObjectPredicate predicate;
    private final List<Expression> deserializer;

    public TypedFilter(ObjectPredicate predicate, List<Expression> deserializer, LogicalPlan child) {
        super(child);
        this.predicate = Objects.requireNonNull(predicate, "predicate is null");
        this.deserializer = List.copyOf(deserializer);
    }

    public ObjectPredicate predicate() {
        return predicate;
    }

    public List<Expression> deserializer() {
        return deserializer;
    }

    @Override
    public List<Expression> expressions() {
        return deserializer;
    }

    @Override
    public List<AttributeReference> output() {
        return child.output();
    }

    @Override
    public String describe() {
        return "TypedFilter " + list(child.output());
    }
}
