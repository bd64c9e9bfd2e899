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
                writeResults(groupCount, out[0]);
            }

            @Override
            public void writeResults(int groupCount, ColumnVector out) {
                appendLongs(counts, null, groupCount, out);
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

    /**
     * Appends {@code values[0..count)} to the long vector {@code out} with one array copy; a value is null where
     * {@code seen} is given and false (its slot holds what {@code values} holds there, 0 for a group never seen).
     */
    static void appendLongs(long[] values, boolean[] seen, int count, ColumnVector out) {
        if (out.mayHaveNulls()) { // a null flag past the size could be stale: append one by one, clearing them
            for (int g = 0; g < count; g++) {
                if (seen == null || seen[g]) {
                    out.appendLong(values[g]);
                } else {
                    out.appendNull();
                }
            }
            return;
        }
        int base = out.size();
        out.ensureCapacity(base + count);
        System.arraycopy(values, 0, ((LongVector) out).values(), base, count);
        out.setSize(base + count);
        if (seen != null) {
            for (int g = 0; g < count; g++) {
                if (!seen[g]) {
                    out.setNull(base + g);
                }
            }
        }
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
