package dev.sluice.plan.logical;

import dev.sluice.expr.AttributeReference;
import java.util.List;

/**
 * The rows of each partition whose draw falls in {@code [lowerBound, upperBound)} (Spark's {@code Sample}): each
 * partition {@code p} draws one number per row from {@code XORShiftRandom(seed + p)} (Bernoulli cell sampling);
 * with replacement each row is repeated a Poisson({@code upperBound - lowerBound}) number of times.
 */
public final class Sample extends UnaryNode {
    private final double lowerBound;
    private final double upperBound;
    private final boolean withReplacement;
    private final long seed;

    public Sample(double lowerBound, double upperBound, boolean withReplacement, long seed, LogicalPlan child) {
        super(child);
        this.lowerBound = lowerBound;
        this.upperBound = upperBound;
        this.withReplacement = withReplacement;
        this.seed = seed;
    }

    public double lowerBound() {
        return lowerBound;
    }

    public double upperBound() {
        return upperBound;
    }

    public boolean withReplacement() {
        return withReplacement;
    }

    public long seed() {
        return seed;
    }

    @Override
    public List<AttributeReference> output() {
        return child.output();
    }

    @Override
    public boolean isStreaming() {
        return child.isStreaming();
    }

    @Override
    public String describe() {
        return "Sample " + lowerBound + ", " + upperBound + ", " + withReplacement + ", " + seed;
    }
}
