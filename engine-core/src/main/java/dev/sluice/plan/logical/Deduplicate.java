package dev.sluice.plan.logical;

import dev.sluice.expr.AttributeReference;
import java.util.List;

/** Keeps the first row seen for each distinct combination of {@code keys} ({@code dropDuplicates}). */
public final class Deduplicate extends UnaryNode {
    private final List<AttributeReference> keys;

    public Deduplicate(List<AttributeReference> keys, LogicalPlan child) {
        super(child);
        this.keys = List.copyOf(keys);
    }

    public List<AttributeReference> keys() {
        return keys;
    }

    @Override
    public List<AttributeReference> output() {
        return child.output();
    }

    @Override
    public String describe() {
        return "Deduplicate " + list(keys);
    }
}
