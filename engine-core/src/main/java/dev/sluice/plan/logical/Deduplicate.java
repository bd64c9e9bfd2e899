package dev.sluice.plan.logical;

import dev.sluice.expr.AttributeReference;
import java.util.List;

/**
 * Keeps the first row seen for each distinct combination of {@code keys} ({@code dropDuplicates}). With
 * {@code withinWatermark} ({@code dropDuplicatesWithinWatermark}) a streaming query forgets a key once the
 * watermark passes its first event time plus the watermark delay; a batch query treats both alike.
 */
public final class Deduplicate extends UnaryNode {
    private final List<AttributeReference> keys;
    private final boolean withinWatermark;

    public Deduplicate(List<AttributeReference> keys, LogicalPlan child) {
        this(keys, false, child);
    }

    public Deduplicate(List<AttributeReference> keys, boolean withinWatermark, LogicalPlan child) {
        super(child);
        this.keys = List.copyOf(keys);
        this.withinWatermark = withinWatermark;
    }

    public boolean withinWatermark() {
        return withinWatermark;
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
        return (withinWatermark ? "DeduplicateWithinWatermark " : "Deduplicate ") + list(keys);
    }
}
