package dev.sluice.expr.aggregate;

import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.DoubleVector;
import dev.sluice.batch.IntVector;
import dev.sluice.batch.LongVector;
import dev.sluice.expr.ArithmeticErrors;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * {@code sum(x)}: bigint for integral input (ANSI overflow error), double for floating input,
 * decimal(p+10, s) for decimal(p, s). NULL when the group saw no non-null value.
 */
public final class Sum extends AggregateFunction {
    private final DataType resultType;
    private final boolean ansi;

    public Sum(Expression child, boolean ansi) {
        super(List.of(child));
        this.ansi = ansi;
        DataType in = child.dataType();
        if (in instanceof DecimalType d) {
            resultType = DecimalType.bounded(d.precision() + 10, d.scale());
        } else if (in instanceof DoubleType || in instanceof FloatType) {
            resultType = DataTypes.DoubleType;
        } else {
            resultType = DataTypes.LongType;
        }
    }

    @Override
    public Expression withNewChildren(List<Expression> newChildren) {
        return new Sum(newChildren.get(0), ansi);
    }

    @Override
    public DataType dataType() {
        return resultType;
    }

    @Override
    public String prettyName() {
        return "sum";
    }

    @Override
    public List<DataType> bufferTypes() {
        return List.of(resultType);
    }

    @Override
    public Accumulator createAccumulator() {
        if (resultType instanceof DecimalType d) {
            return new DecimalSum(d);
        }
        return resultType instanceof DoubleType ? new DoubleSum() : new LongSum(ansi);
    }

    /** Shared group bookkeeping: which groups have seen a value. */
    abstract static class GroupedSum implements Accumulator {
        protected boolean[] seen = new boolean[16];

        @Override
        public void ensureGroups(int groupCount) {
            if (groupCount > seen.length) {
                int size = Math.max(groupCount, seen.length * 2);
                seen = Arrays.copyOf(seen, size);
                grow(size);
            }
        }

        abstract void grow(int size);

        @Override
        public void reset() {
            Arrays.fill(seen, false);
            clear();
        }

        abstract void clear();
    }

    static final class LongSum extends GroupedSum {
        private long[] sums = new long[16];
        private final boolean ansi;

        LongSum(boolean ansi) {
            this.ansi = ansi;
        }

        @Override
        void grow(int size) {
            sums = Arrays.copyOf(sums, size);
        }

        @Override
        void clear() {
            Arrays.fill(sums, 0);
        }

        private void add(int g, long v) {
            long s = sums[g];
            long r = s + v;
            if (ansi && ((s ^ r) & (v ^ r)) < 0) {
                throw ArithmeticErrors.overflow("long", "try_sum");
            }
            sums[g] = r;
            seen[g] = true;
        }

        @Override
        public void update(int[] groupIds, ColumnVector[] args, int rowCount) {
            ColumnVector in = args[0];
            boolean nulls = in.mayHaveNulls();
            if (in instanceof IntVector iv) {
                int[] values = iv.values();
                for (int i = 0; i < rowCount; i++) {
                    if (!nulls || !in.isNull(i)) {
                        add(groupIds[i], values[i]);
                    }
                }
            } else {
                long[] values = ((LongVector) in).values();
                for (int i = 0; i < rowCount; i++) {
                    if (!nulls || !in.isNull(i)) {
                        add(groupIds[i], values[i]);
                    }
                }
            }
        }

        @Override
        public void merge(int[] groupIds, ColumnVector[] buffers, int rowCount) {
            update(groupIds, buffers, rowCount);
        }

        @Override
        public void writeBuffers(int groupCount, ColumnVector[] out) {
            writeResults(groupCount, out[0]);
        }

        @Override
        public void writeResults(int groupCount, ColumnVector out) {
            Count.appendLongs(sums, seen, groupCount, out);
        }

        @Override
        public void writeResult(int group, ColumnVector out) {
            if (seen[group]) {
                out.appendLong(sums[group]);
            } else {
                out.appendNull();
            }
        }
    }

    static final class DoubleSum extends GroupedSum {
        private double[] sums = new double[16];

        @Override
        void grow(int size) {
            sums = Arrays.copyOf(sums, size);
        }

        @Override
        void clear() {
            Arrays.fill(sums, 0);
        }

        @Override
        public void update(int[] groupIds, ColumnVector[] args, int rowCount) {
            ColumnVector in = args[0];
            boolean nulls = in.mayHaveNulls();
            if (in instanceof DoubleVector dv) {
                double[] values = dv.values();
                for (int i = 0; i < rowCount; i++) {
                    if (!nulls || !in.isNull(i)) {
                        sums[groupIds[i]] += values[i];
                        seen[groupIds[i]] = true;
                    }
                }
            } else {
                for (int i = 0; i < rowCount; i++) {
                    if (!in.isNull(i)) {
                        sums[groupIds[i]] += in.getFloat(i);
                        seen[groupIds[i]] = true;
                    }
                }
            }
        }

        @Override
        public void merge(int[] groupIds, ColumnVector[] buffers, int rowCount) {
            update(groupIds, buffers, rowCount);
        }

        @Override
        public void writeBuffers(int groupCount, ColumnVector[] out) {
            for (int g = 0; g < groupCount; g++) {
                writeResult(g, out[0]);
            }
        }

        @Override
        public void writeResult(int group, ColumnVector out) {
            if (seen[group]) {
                out.appendDouble(sums[group]);
            } else {
                out.appendNull();
            }
        }
    }

    static final class DecimalSum extends GroupedSum {
        private BigDecimal[] sums = new BigDecimal[16];
        private final DecimalType type;

        DecimalSum(DecimalType type) {
            this.type = type;
        }

        @Override
        void grow(int size) {
            sums = Arrays.copyOf(sums, size);
        }

        @Override
        void clear() {
            Arrays.fill(sums, null);
        }

        @Override
        public void update(int[] groupIds, ColumnVector[] args, int rowCount) {
            ColumnVector in = args[0];
            for (int i = 0; i < rowCount; i++) {
                if (!in.isNull(i)) {
                    int g = groupIds[i];
                    BigDecimal v = in.getDecimal(i);
                    sums[g] = sums[g] == null ? v : sums[g].add(v);
                    seen[g] = true;
                }
            }
        }

        @Override
        public void merge(int[] groupIds, ColumnVector[] buffers, int rowCount) {
            update(groupIds, buffers, rowCount);
        }

        @Override
        public void writeBuffers(int groupCount, ColumnVector[] out) {
            for (int g = 0; g < groupCount; g++) {
                writeResult(g, out[0]);
            }
        }

        @Override
        public void writeResult(int group, ColumnVector out) {
            BigDecimal s = sums[group];
            out.appendObject(s == null ? null : s.setScale(type.scale(), java.math.RoundingMode.HALF_UP));
        }
    }
}
