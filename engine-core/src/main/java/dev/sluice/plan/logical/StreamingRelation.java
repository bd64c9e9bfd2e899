package dev.sluice.plan.logical;

import dev.sluice.expr.AttributeReference;
import dev.sluice.spi.Source;
import java.util.List;
import java.util.Objects;

/**
 * The leaf of a streaming plan: an unbounded input read by a {@link Source} ({@code readStream()...load()}
 * or {@code MemoryStream.toDF()}). {@link #isStreaming()} is true. The source itself is created per query
 * run by {@link #sourceFactory()}, given the source's checkpoint folder. Immutable.
 */
public final class StreamingRelation extends LogicalPlan {
    /** Creates the source of one query run; {@code metadataPath} is its checkpoint folder. */
    @FunctionalInterface
    public interface SourceFactory {
        Source create(String metadataPath);
    }

    private final String description;
    private final List<AttributeReference> output;
    private final SourceFactory sourceFactory;
    private final boolean supportsRealTime;

    /** A relation whose source cannot run in {@code Trigger.RealTime}. */
    public StreamingRelation(String description, List<AttributeReference> output, SourceFactory sourceFactory) {
        this(description, output, sourceFactory, false);
    }

    /**
     * @param supportsRealTime whether the sources {@code sourceFactory} creates deliver continuously
     *        ({@link dev.sluice.spi.SupportsRealTime}), known before any is created
     */
    public StreamingRelation(String description, List<AttributeReference> output, SourceFactory sourceFactory,
                             boolean supportsRealTime) {
        this.description = Objects.requireNonNull(description, "description is null");
        this.output = List.copyOf(output);
        this.sourceFactory = Objects.requireNonNull(sourceFactory, "sourceFactory is null");
        this.supportsRealTime = supportsRealTime;
    }

    /** Whether the source can run in {@code Trigger.RealTime} (checked at {@code start()}). */
    public boolean supportsRealTime() {
        return supportsRealTime;
    }

    public String description() {
        return description;
    }

    public SourceFactory sourceFactory() {
        return sourceFactory;
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of();
    }

    @Override
    public List<AttributeReference> output() {
        return output;
    }

    @Override
    public boolean isStreaming() {
        return true;
    }

    @Override
    public String describe() {
        return "StreamingRelation " + description + ", " + list(output);
    }
}
