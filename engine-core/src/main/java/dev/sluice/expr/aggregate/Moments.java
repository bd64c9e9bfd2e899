package dev.sluice.expr.aggregate;

import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.Expression;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The moment-based statistics of Spark's {@code CentralMomentAgg}, {@code Covariance} and {@code
 * PearsonCorrelation}: {@code var_samp}/{@code variance}, {@code var_pop}, {@code stddev_samp}/{@code stddev}/{@code
 * std}, {@code stddev_pop}, {@code covar_samp}, {@code covar_pop}, {@code corr}. Inputs are DOUBLE (the builder casts);
 * rows with a null input are skipped. Updates and merges use Spark's streaming formulas (Welford's update and the
 * pairwise merge), so partial aggregation and state between batches give Spark's values. The result is DOUBLE, null
 * without rows and, for the sample statistics and {@code corr}, with one row (Spark's default
 * {@code spark.sql.legacy.statisticalAggregate=false}). Buffer: {@code (n, xAvg, yAvg, ck, xMk, yMk)}.
 */
public final class Moments extends AggregateFunction {
    /** Which statistic. */
    public enum Kind {
        VAR_SAMP, VAR_POP, STDDEV_SAMP, STDDEV_POP, COVAR_SAMP, COVAR_POP, CORR
    }

    private final String name;
    private final Kind kind;

    public Moments(String name, Kind kind, List<Expression> arguments) {
        super(arguments);
        this.name = name;
        this.kind = kind;
    }

    @Override
    public Expression withNewChildren(List<Expression> newChildren) {
        return new Moments(name, kind, newChildren);
    }

    @Override
    public DataType dataType() {
        return DataTypes.DoubleType;
    }

    @Override
    public String prettyName() {
        return name;
    }

    @Override
    public List<DataType> bufferTypes() {
        return Collections.nCopies(6, DataTypes.DoubleType);
    }

    @Override
    public Accumulator createAccumulator() {
        return new MomentAccumulator();
    }

    private final class MomentAccumulator implements Accumulator {
        /** Per group: n, xAvg, yAvg, ck, xMk, yMk, at {@code 6 * group}. */
        private double[] state = new double[6 * 16];

        @Override
        public void ensureGroups(int groupCount) {
            if (6 * groupCount > state.length) {
                state = Arrays.copyOf(state, Math.max(6 * groupCount, state.length * 2));
            }
        }

        @Override
        public void update(int[] groupIds, ColumnVector[] args, int rowCount) {
            boolean pair = args.length == 2;
            for (int i = 0; i < rowCount; i++) {
                if (args[0].isNull(i) || pair && args[1].isNull(i)) {
                    continue;
                }
                int s = 6 * groupIds[i];
                double x = args[0].getDouble(i);
                double y = pair ? args[1].getDouble(i) : 0;
                double n = state[s] + 1;
                double dx = x - state[s + 1];
                double dy = y - state[s + 2];
                state[s] = n;
                state[s + 1] += dx / n;
                state[s + 2] += dy / n;
                state[s + 3] += dx * (y - state[s + 2]);
                state[s + 4] += dx * (x - state[s + 1]);
                state[s + 5] += dy * (y - state[s + 2]);
            }
        }

        @Override
        public void merge(int[] groupIds, ColumnVector[] buffers, int rowCount) {
            for (int i = 0; i < rowCount; i++) {
                int s = 6 * groupIds[i];
                double n1 = state[s];
                double n2 = buffers[0].getDouble(i);
                double n = n1 + n2;
                double dx = buffers[1].getDouble(i) - state[s + 1];
                double dy = buffers[2].getDouble(i) - state[s + 2];
                double dxN = n == 0 ? 0 : dx / n;
                double dyN = n == 0 ? 0 : dy / n;
                state[s] = n;
                state[s + 1] += dxN * n2;
                state[s + 2] += dyN * n2;
                state[s + 3] += buffers[3].getDouble(i) + dx * dyN * n1 * n2;
                state[s + 4] += buffers[4].getDouble(i) + dx * dxN * n1 * n2;
                state[s + 5] += buffers[5].getDouble(i) + dy * dyN * n1 * n2;
            }
        }

        @Override
        public void writeBuffers(int groupCount, ColumnVector[] out) {
            for (int g = 0; g < groupCount; g++) {
                for (int k = 0; k < 6; k++) {
                    out[k].appendDouble(state[6 * g + k]);
                }
            }
        }

        @Override
        public void writeResult(int group, ColumnVector out) {
            int s = 6 * group;
            double n = state[s];
            boolean sample = kind == Kind.VAR_SAMP || kind == Kind.STDDEV_SAMP || kind == Kind.COVAR_SAMP
                    || kind == Kind.CORR;
            if (n == 0 || sample && n == 1) {
                out.appendNull();
                return;
            }
            double value = switch (kind) {
                case VAR_SAMP -> state[s + 4] / (n - 1);
                case VAR_POP -> state[s + 4] / n;
                case STDDEV_SAMP -> Math.sqrt(state[s + 4] / (n - 1));
                case STDDEV_POP -> Math.sqrt(state[s + 4] / n);
                case COVAR_SAMP -> state[s + 3] / (n - 1);
                case COVAR_POP -> state[s + 3] / n;
                case CORR -> state[s + 3] / Math.sqrt(state[s + 4] * state[s + 5]);
            };
            out.appendDouble(value);
        }

        @Override
        public void reset() {
            Arrays.fill(state, 0);
        }
    }

    /** Registers every name of {@link Kind} with Spark's aliases. */
    static void register(dev.sluice.expr.FunctionRegistry r) {
        List<Object[]> names = new ArrayList<>();
        names.add(new Object[] {"var_samp", Kind.VAR_SAMP});
        names.add(new Object[] {"variance", Kind.VAR_SAMP});
        names.add(new Object[] {"var_pop", Kind.VAR_POP});
        names.add(new Object[] {"stddev_samp", Kind.STDDEV_SAMP});
        names.add(new Object[] {"stddev", Kind.STDDEV_SAMP});
        names.add(new Object[] {"std", Kind.STDDEV_SAMP});
        names.add(new Object[] {"stddev_pop", Kind.STDDEV_POP});
        names.add(new Object[] {"covar_samp", Kind.COVAR_SAMP});
        names.add(new Object[] {"covar_pop", Kind.COVAR_POP});
        names.add(new Object[] {"corr", Kind.CORR});
        for (Object[] entry : names) {
            String name = (String) entry[0];
            Kind kind = (Kind) entry[1];
            int arity = kind == Kind.COVAR_SAMP || kind == Kind.COVAR_POP || kind == Kind.CORR ? 2 : 1;
            r.register(name, arity, arity, (a, c) -> {
                List<Expression> doubles = new ArrayList<>();
                for (int i = 0; i < a.size(); i++) {
                    Expression e = a.get(i);
                    if (!dev.sluice.expr.TypeCoercion.isNumeric(e.dataType())
                            && !(e.dataType() instanceof dev.sluice.sql.types.StringType)
                            && !(e.dataType() instanceof dev.sluice.sql.types.NullType)) {
                        throw dev.sluice.expr.FunctionRegistry.unexpectedType(
                                name + "(" + String.join(", ", a.stream().map(Expression::sql).toList()) + ")", i,
                                "\"DOUBLE\"", e);
                    }
                    doubles.add(dev.sluice.expr.Cast.castIfNeeded(e, DataTypes.DoubleType, c));
                }
                return new Moments(name, kind, doubles);
            });
        }
    }

    /** The names {@link #register} adds. */
    static final java.util.Set<String> NAMES = java.util.Set.of("var_samp", "variance", "var_pop", "stddev_samp",
            "stddev", "std", "stddev_pop", "covar_samp", "covar_pop", "corr");
}
