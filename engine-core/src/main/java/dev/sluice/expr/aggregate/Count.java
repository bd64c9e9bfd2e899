package dev.sluice.expr.aggregate;

import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.LongVector;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import java.util.Arrays;
import java.util.List;

/** {@code count(x, ...)}: rows where every argument is non-null; {@code count(*)} is {@code count(1)}. Never null. */
public final class Count extends AggregateFunction {
    public Count(List<Expression> arguments) {
        super(arguments);
    }

    @Override
    public Expression withNewChildren(List<Expression> newChildren) {
        return new Count(newChildren);
    }

    @Override
    public DataType dataType() {
        return DataTypes.LongType;
    }

    @Override
    public boolean nullable() {
        return false;
    }

    @Override
    public String prettyName() {
        return "count";
    }

    @Override
    public List<DataType> bufferTypes() {
        return List.of(DataTypes.LongType);
    }

    @Override
    public Accumulator createAccumulator() {
        return new Accumulator() {
            private long[] counts = new long[16];

            @Override
            public void ensureGroups(int groupCount) {
                if (groupCount > counts.length) {
                    counts = Arrays.copyOf(counts, Math.max(groupCount, counts.length * 2));
                }
            }

            @Override
            public void update(int[] groupIds, ColumnVector[] args, int rowCount) {
                boolean anyNulls = false;
                for (ColumnVector a : args) {
                    anyNulls |= a.mayHaveNulls();
                }
                for (int i = 0; i < rowCount; i++) {
                    if (anyNulls && hasNull(args, i)) {
                        continue;
                    }
                    counts[groupIds[i]]++;
                }
            }

            @Override
            public void merge(int[] groupIds, ColumnVector[] buffers, int rowCount) {
                long[] values = ((LongVector) buffers[0]).values();
                for (int i = 0; i < rowCount; i++) {
                    counts[groupIds[i]] += values[i];
                }
            }

            @Override
            public void writeBuffers(int groupCount, ColumnVector[] out) {
                for (int g = 0; g < groupCount; g++) {
                    out[0].appendLong(counts[g]);
                }
            }

            @Override
            public void writeResult(int group, ColumnVector out) {
                out.appendLong(counts[group]);
            }

            @Override
            public void reset() {
                Arrays.fill(counts, 0);
            }
        };
    }

    static boolean hasNull(ColumnVector[] args, int row) {
        for (ColumnVector a : args) {
            if (a.isNull(row)) {
                return true;
            }
        }
        return false;
    }
}
