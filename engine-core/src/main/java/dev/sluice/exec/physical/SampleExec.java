package dev.sluice.exec.physical;

import dev.sluice.batch.Chunk;
import dev.sluice.expr.TaskPartition;
import dev.sluice.expr.random.XorShiftRandom;
import dev.sluice.plan.logical.Sample;
import org.apache.commons.math3.distribution.PoissonDistribution;

/**
 * Samples each partition's rows in order (Spark's {@code SampleExec}). Without replacement: Spark's
 * {@code BernoulliCellSampler} seeded {@code seed + partitionIndex}, one draw per row, the row kept when the draw
 * is in {@code [lowerBound, upperBound)}, so the rows kept equal Spark's over the same partitioning. With
 * replacement: each row repeated a Poisson({@code upperBound - lowerBound}) number of times, drawn as Spark's
 * {@code PoissonSampler} draws them: Commons Math's {@code PoissonDistribution} reseeded with the partition's seed
 * from Spark's {@code PartitionwiseSampledRDD} (the {@code index}-th {@code nextLong} of {@code Random(seed)}), so
 * the rows repeated equal Spark's over the same partitioning. Thread-safe; the generator lives in the partition's
 * {@link TaskPartition} state.
 */
public final class SampleExec extends StatelessUnaryExec {
    private final Sample sample;

    public SampleExec(Sample sample, PhysicalPlan child) {
        super(child, child.output());
        this.sample = sample;
    }

    @Override
    protected boolean partitionDependent() {
        return true;
    }

    @Override
    public String nodeName() {
        return "Sample";
    }

    @Override
    public String argString() {
        return sample.lowerBound() + ", " + sample.upperBound() + ", " + sample.withReplacement() + ", "
                + sample.seed();
    }

    @Override
    protected ChunkConsumer wrap(ChunkConsumer downstream) {
        double lb = sample.lowerBound();
        double ub = sample.upperBound();
        return c -> {
            if (ub - lb <= 0) {
                return;
            }
            TaskPartition partition = TaskPartition.current();
            int n = c.rowCount();
            int[] rows = new int[Math.max(n, 1)];
            int count = 0;
            if (sample.withReplacement()) {
                PoissonDistribution poisson = partition.state(this, () -> poisson(partitionSeed(partition.index()),
                        ub - lb));
                for (int row = 0; row < n; row++) {
                    int times = poisson.sample();
                    for (int t = 0; t < times; t++) {
                        if (count == rows.length) {
                            rows = java.util.Arrays.copyOf(rows, rows.length * 2);
                        }
                        rows[count++] = row;
                    }
                }
            } else {
                XorShiftRandom rng = partition.state(this, () -> new XorShiftRandom(partitionSeed(partition.index())));
                for (int row = 0; row < n; row++) {
                    double x = rng.nextDouble();
                    if (x >= lb && x < ub) {
                        rows[count++] = row;
                    }
                }
            }
            if (count > 0) {
                downstream.accept(count == n && !sample.withReplacement() ? c : c.take(rows, count));
            }
        };
    }

    /** Bernoulli: {@code seed + index}; Poisson: the {@code index}-th {@code nextLong} of {@code Random(seed)}. */
    private long partitionSeed(int index) {
        if (!sample.withReplacement()) {
            return sample.seed() + index;
        }
        java.util.Random seeds = new java.util.Random(sample.seed());
        long s = 0;
        for (int i = 0; i <= index; i++) {
            s = seeds.nextLong();
        }
        return s;
    }

    /**
     * Spark's {@code PoissonSampler} without gap sampling: Commons Math's {@code PoissonDistribution(mean)} reseeded
     * with the partition's seed, one {@code sample()} per row.
     */
    private static PoissonDistribution poisson(long seed, double mean) {
        PoissonDistribution poisson = new PoissonDistribution(mean);
        poisson.reseedRandomGenerator(seed);
        return poisson;
    }
}
