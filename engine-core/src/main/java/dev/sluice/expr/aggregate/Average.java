package dev.sluice.expr.aggregate;

import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.LongVector;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DecimalType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

/**
 * {@code avg(x)}: double for numeric input, decimal(p+4, s+4) for decimal(p, s); NULL for a group with
 * no non-null value. Buffer: (sum, count).
 */
public final class Average extends AggregateFunction {
    private final DataType resultType;
    private final DataType sumType;

    public Average(Expression child) {
        super(List.of(child));
        if (child.dataType() instanceof DecimalType d) {
            resultType = DecimalType.bounded(d.precision() + 4, d.scale() + 4);
            sumType = DecimalType.bounded(d.precision() + 10, d.scale());
        } else {
            resultType = DataTypes.DoubleType;
            sumType = DataTypes.DoubleType;
        }
    }

    @Override
    public Expression withNewChildren(List<Expression> newChildren) {
        return new Average(newChildren.get(0));
    }

    @Override
    public DataType dataType() {
        return resultType;
    }

    @Override
    public String prettyName() {
        return "avg";
    }

    @Override
    public List<DataType> bufferTypes() {
        return List.of(sumType, DataTypes.LongType);
    }

    @Override
    public Accumulator createAccumulator() {
        return new Accumulator() {
            private double[] sums = new double[16];
            private BigDecimal[] decimalSums = new BigDecimal[16];
            private long[] counts = new long[16];
            private final boolean decimal = resultType instanceof DecimalType;

            @Override
            public void ensureGroups(int groupCount) {
                if (groupCount > counts.length) {
                    int size = Math.max(groupCount, counts.length * 2);
                    sums = Arrays.copyOf(sums, size);
                    decimalSums = Arrays.copyOf(decimalSums, size);
                    counts = Arrays.copyOf(counts, size);
                }
            }

            private void add(int g, ColumnVector values, int row, long count) {
                if (decimal) {
                    BigDecimal v = values.getDecimal(row);
                    decimalSums[g] = decimalSums[g] == null ? v : decimalSums[g].add(v);
                } else {
                    sums[g] += values.type().equals(DataTypes.DoubleType) ? values.getDouble(row)
                            : ((Number) values.getObject(row)).doubleValue();
                }
                counts[g] += count;
            }

            @Override
            public void update(int[] groupIds, ColumnVector[] args, int rowCount) {
                for (int i = 0; i < rowCount; i++) {
                    if (!args[0].isNull(i)) {
                        add(groupIds[i], args[0], i, 1);
                    }
                }
            }

            @Override
            public void merge(int[] groupIds, ColumnVector[] buffers, int rowCount) {
                long[] bufferCounts = ((LongVector) buffers[1]).values();
                for (int i = 0; i < rowCount; i++) {
                    if (!buffers[0].isNull(i)) {
                        add(groupIds[i], buffers[0], i, bufferCounts[i]);
                    }
                }
            }

            @Override
            public void writeBuffers(int groupCount, ColumnVector[] out) {
                for (int g = 0; g < groupCount; g++) {
                    if (counts[g] == 0) {
                        out[0].appendNull();
                    } else if (decimal) {
                        out[0].appendObject(decimalSums[g]);
                    } else {
                        out[0].appendDouble(sums[g]);
                    }
                    out[1].appendLong(counts[g]);
                }
            }

            @Override
            public void writeResult(int group, ColumnVector out) {
                if (counts[group] == 0) {
                    out.appendNull();
                } else if (decimal) {
                    out.appendObject(decimalSums[group].divide(BigDecimal.valueOf(counts[group]),
                            ((DecimalType) resultType).scale(), RoundingMode.HALF_UP));
                } else {
                    out.appendDouble(sums[group] / counts[group]);
                }
            }

            @Override
            public void reset() {
                Arrays.fill(sums, 0);
                Arrays.fill(decimalSums, null);
                Arrays.fill(counts, 0);
            }
        };
    }
}
