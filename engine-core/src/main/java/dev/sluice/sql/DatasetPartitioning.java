package dev.sluice.sql;

import dev.sluice.plan.logical.LogicalPlan;
import java.util.List;

/**
 * The partition-related transformations of {@link Dataset} ({@code sample}, {@code randomSplit},
 * {@code repartition}, {@code repartitionByRange}, {@code coalesce}, {@code sortWithinPartitions}, {@code observe}),
 * declared in this package-private superclass and inherited, as {@link DatasetActions}; the plans are built by
 * {@code Partitions} and {@code Observations}. See ARCHITECTURE.md, "Partitions". Immutable, as the Dataset.
 *
 * @param <T> the type of the Dataset's objects
 */
abstract class DatasetPartitioning<T> extends DatasetActions<T> {
    DatasetPartitioning() {
    }

    /** A Dataset of the same type and session over {@code newPlan}. */
    abstract Dataset<T> withPlan(LogicalPlan newPlan);

    /** The Dataset's columns of these names. */
    private static Column[] named(String first, String... rest) {
        Column[] out = new Column[rest.length + 1];
        out[0] = functions.col(first);
        for (int i = 0; i < rest.length; i++) {
            out[i + 1] = functions.col(rest[i]);
        }
        return out;
    }


    /** A sample without replacement of about {@code fraction} of the rows, the same rows for the same seed. */
    public Dataset<T> sample(double fraction, long seed) {
        return sample(false, fraction, seed);
    }

    /** {@code sample(fraction, seed)} with a random seed. */
    public Dataset<T> sample(double fraction) {
        return sample(false, fraction, dev.sluice.expr.random.RandomFunctions.randomSeed());
    }

    /**
     * A sample of about {@code fraction} of the rows (Spark's {@code Sample}): each partition {@code p} draws from
     * {@code XORShiftRandom(seed + p)}; with replacement a row may appear several times.
     *
     * @throws IllegalArgumentException Spark's texts for a fraction outside [0, 1] (negative with replacement)
     */
    public Dataset<T> sample(boolean withReplacement, double fraction, long seed) {
        return withPlan(Partitions.sample(withReplacement, fraction, seed, logicalPlan()));
    }

    /** {@code sample(withReplacement, fraction, seed)} with a random seed. */
    public Dataset<T> sample(boolean withReplacement, double fraction) {
        return sample(withReplacement, fraction, dev.sluice.expr.random.RandomFunctions.randomSeed());
    }

    /**
     * Splits the rows randomly by {@code weights} (normalized): disjoint Datasets that together hold every row,
     * computed as Spark's (each partition sorted, then Bernoulli cell samples with one seed).
     *
     * @throws IllegalArgumentException Spark's texts for negative weights or a sum that is not positive
     */
    @SuppressWarnings("unchecked")
    public Dataset<T>[] randomSplit(double[] weights, long seed) {
        List<LogicalPlan> plans = Partitions.randomSplit(weights, seed, logicalPlan(), sparkSession());
        Dataset<T>[] out = new Dataset[plans.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = withPlan(plans.get(i));
        }
        return out;
    }

    /** {@code randomSplit(weights, seed)} with a random seed. */
    public Dataset<T>[] randomSplit(double[] weights) {
        return randomSplit(weights, dev.sluice.expr.random.RandomFunctions.randomSeed());
    }

    /** {@code randomSplit} as a list. */
    public List<Dataset<T>> randomSplitAsList(double[] weights, long seed) {
        return List.of(randomSplit(weights, seed));
    }

    /** The rows dealt round robin into {@code numPartitions} partitions (Spark's {@code repartition(n)}). */
    public Dataset<T> repartition(int numPartitions) {
        return withPlan(Partitions.repartition(numPartitions, true, logicalPlan()));
    }

    /** The rows in {@code numPartitions} partitions by the Murmur3 hash of {@code partitionExprs}. */
    public Dataset<T> repartition(int numPartitions, Column... partitionExprs) {
        return withPlan(Partitions.repartitionByHash(numPartitions, partitionExprs, logicalPlan(), sparkSession()));
    }

    /** The rows hash-partitioned by {@code partitionExprs} into {@code spark.sql.shuffle.partitions} partitions. */
    public Dataset<T> repartition(Column... partitionExprs) {
        return withPlan(Partitions.repartitionByHash(null, partitionExprs, logicalPlan(), sparkSession()));
    }

    /** The rows in {@code numPartitions} partitions of contiguous key ranges of about equal size. */
    public Dataset<T> repartitionByRange(int numPartitions, Column... partitionExprs) {
        return withPlan(Partitions.repartitionByRange(numPartitions, partitionExprs, logicalPlan(), sparkSession()));
    }

    /** {@code repartitionByRange} into {@code spark.sql.shuffle.partitions} partitions. */
    public Dataset<T> repartitionByRange(Column... partitionExprs) {
        return withPlan(Partitions.repartitionByRange(null, partitionExprs, logicalPlan(), sparkSession()));
    }

    /** Merges the partitions into at most {@code numPartitions}, contiguous groups, without a shuffle. */
    public Dataset<T> coalesce(int numPartitions) {
        return withPlan(Partitions.repartition(numPartitions, false, logicalPlan()));
    }

    /** Each partition sorted on its own (Spark's {@code Sort} with {@code global = false}). */
    public Dataset<T> sortWithinPartitions(Column... sortExprs) {
        return withPlan(Partitions.sortWithinPartitions(sortExprs, logicalPlan(), sparkSession()));
    }

    /** {@code sortWithinPartitions} by column names. */
    public Dataset<T> sortWithinPartitions(String sortCol, String... sortCols) {
        return sortWithinPartitions(named(sortCol, sortCols));
    }

    /**
     * This Dataset, with named aggregate metrics computed over its rows as actions (or micro-batches) run
     * (Spark's {@code observe}); a streaming query reports them in {@code StreamingQueryProgress.observedMetrics}.
     *
     * @throws AnalysisException Spark's {@code INVALID_OBSERVED_METRICS.*} for an empty name, or a column or
     *                           non-deterministic expression outside an aggregate function
     */
    public Dataset<T> observe(String name, Column expr, Column... exprs) {
        return withPlan(Observations.observe(name, null, prepend(expr, exprs), logicalPlan(), sparkSession()));
    }

    /** {@link #observe(String, Column, Column...)} whose metrics fill {@code observation} after the first action. */
    public Dataset<T> observe(Observation observation, Column expr, Column... exprs) {
        return withPlan(Observations.observe(observation.name(), observation, prepend(expr, exprs), logicalPlan(), sparkSession()));
    }

    private static Column[] prepend(Column first, Column[] rest) {
        Column[] all = new Column[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
