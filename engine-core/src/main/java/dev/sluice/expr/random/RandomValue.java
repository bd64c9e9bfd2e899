package dev.sluice.expr.random;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.DoubleVector;
import dev.sluice.expr.LeafExpression;
import dev.sluice.expr.PartitionDependent;
import dev.sluice.expr.TaskPartition;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;

/**
 * {@code rand(seed)} / {@code random(seed)} (uniform in [0, 1)) and {@code randn(seed)} (standard normal), as
 * Spark's {@code Rand}/{@code Randn}: each partition draws from {@code XORShiftRandom(seed + partitionIndex)},
 * one value per row in the partition's row order, so over a known partitioning the values equal Spark's. Without
 * a seed the function gets a random one when the call is built, and its name hides it ({@code rand()}).
 * Immutable and thread-safe; the generator lives in the partition's {@link TaskPartition} state.
 */
public final class RandomValue extends LeafExpression implements PartitionDependent {
    private final String name;
    private final boolean gaussian;
    private final long seed;
    private final String seedText;

    /**
     * @param name     {@code rand}, {@code random} or {@code randn}, as it shows in column names
     * @param seedText the seed as it shows in the name, or null to hide it (no seed given)
     */
    public RandomValue(String name, boolean gaussian, long seed, String seedText) {
        this.name = name;
        this.gaussian = gaussian;
        this.seed = seed;
        this.seedText = seedText;
    }

    public long seed() {
        return seed;
    }

    @Override
    public DataType dataType() {
        return DataTypes.DoubleType;
    }

    @Override
    public boolean nullable() {
        return false;
    }

    @Override
    public boolean deterministic() {
        return false;
    }

    @Override
    public String prettyName() {
        return name;
    }

    @Override
    public String sql() {
        return name + "(" + (seedText == null ? "" : seedText) + ")";
    }

    @Override
    public ColumnVector eval(Chunk input) {
        TaskPartition partition = TaskPartition.current();
        XorShiftRandom rng = partition.state(this, () -> new XorShiftRandom(seed + partition.index()));
        int rows = input.rowCount();
        double[] values = new double[Math.max(rows, 1)];
        for (int i = 0; i < rows; i++) {
            values[i] = gaussian ? rng.nextGaussian() : rng.nextDouble();
        }
        return DoubleVector.wrap(values, rows, null);
    }
}
