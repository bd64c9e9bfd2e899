package dev.sluice.expr.random;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.IntVector;
import dev.sluice.batch.LongVector;
import dev.sluice.expr.LeafExpression;
import dev.sluice.expr.PartitionDependent;
import dev.sluice.expr.TaskPartition;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;

/**
 * {@code monotonically_increasing_id()} (Spark's {@code MonotonicallyIncreasingID}: the partition index in the
 * upper 31 bits, the row's position in its partition in the lower 33, so ids are unique and increasing within a
 * partition) and {@code spark_partition_id()} (Spark's {@code SparkPartitionID}). Immutable and thread-safe; the
 * row counter lives in the partition's {@link TaskPartition} state.
 */
public final class PartitionFunction extends LeafExpression implements PartitionDependent {
    private final boolean id;

    private PartitionFunction(boolean id) {
        this.id = id;
    }

    /** {@code monotonically_increasing_id()}. */
    public static PartitionFunction monotonicallyIncreasingId() {
        return new PartitionFunction(true);
    }

    /** {@code spark_partition_id()}. */
    public static PartitionFunction sparkPartitionId() {
        return new PartitionFunction(false);
    }

    @Override
    public DataType dataType() {
        return id ? DataTypes.LongType : DataTypes.IntegerType;
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
        return id ? "monotonically_increasing_id" : "SPARK_PARTITION_ID";
    }

    @Override
    public ColumnVector eval(Chunk input) {
        TaskPartition partition = TaskPartition.current();
        int rows = input.rowCount();
        if (!id) {
            int[] values = new int[Math.max(rows, 1)];
            java.util.Arrays.fill(values, partition.index());
            return IntVector.wrap(DataTypes.IntegerType, values, rows, null);
        }
        long[] counter = partition.state(this, () -> new long[1]);
        long base = ((long) partition.index() << 33) + counter[0];
        long[] values = new long[Math.max(rows, 1)];
        for (int i = 0; i < rows; i++) {
            values[i] = base + i;
        }
        counter[0] += rows;
        return LongVector.wrap(DataTypes.LongType, values, rows, null);
    }
}
