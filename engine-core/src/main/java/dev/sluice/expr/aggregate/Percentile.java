package dev.sluice.expr.aggregate;

import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.Expression;
import dev.sluice.expr.FunctionRegistry;
import dev.sluice.expr.Literal;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.ByteType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DateType;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.IntegerType;
import dev.sluice.sql.types.LongType;
import dev.sluice.sql.types.ShortType;
import dev.sluice.sql.types.TimestampType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code percentile_approx(x, percentage[, accuracy])} (also {@code approx_percentile}): the value at rank
 * {@code ceil(percentage * n)} of the sorted non-null values, or the smallest / largest value for a percentage within
 * {@code 1 / accuracy} of 0 / 1. That is what Spark's Greenwald-Khanna summary ({@code QuantileSummaries}) answers while
 * its samples are still exact, i.e. up to {@code accuracy / 2} values per group (5000 with the default accuracy
 * 10000); beyond that Spark's answer is approximate (within {@code n / accuracy} ranks) while this one stays exact,
 * so results can differ within that bound. The result has the input's type (one value, or an array for an array of percentages); null
 * without rows. Buffer: the values as an array of DOUBLE.
 */
public final class Percentile extends AggregateFunction {
    static final java.util.Set<String> NAMES = java.util.Set.of("percentile_approx", "approx_percentile");
    private static final int DEFAULT_ACCURACY = 10_000;

    private final String name;
    private final double[] percentages;
    private final boolean array;
    private final double relativeError;

    private Percentile(String name, List<Expression> arguments, double[] percentages, boolean array, int accuracy) {
        super(arguments);
        this.name = name;
        this.percentages = percentages;
        this.array = array;
        this.relativeError = 1.0 / accuracy;
    }

    static void register(FunctionRegistry r) {
        for (String name : NAMES) {
            r.register(name, 2, 3, (a, c) -> build(name, a));
        }
    }

    private static Percentile build(String name, List<Expression> a) {
        Expression child = a.get(0);
        DataType type = child.dataType();
        if (!(dev.sluice.expr.TypeCoercion.isNumeric(type) || type instanceof DateType || type instanceof TimestampType)) {
            throw FunctionRegistry.unexpectedType(name + "(" + String.join(", ", a.stream().map(Expression::sql)
                    .toList()) + ")", 0, "(\"NUMERIC\" or \"DATE\" or \"TIMESTAMP\")", child);
        }
        String call = name + "(" + String.join(", ", a.stream().map(Expression::sql).toList()) + ")";
        DataType percentageType = a.get(1).dataType();
        boolean numericList = percentageType instanceof dev.sluice.sql.types.ArrayType list
                && dev.sluice.expr.TypeCoercion.isNumeric(list.elementType());
        if (!dev.sluice.expr.TypeCoercion.isNumeric(percentageType) && !numericList
                && !(percentageType instanceof dev.sluice.sql.types.NullType)) {
            throw FunctionRegistry.unexpectedType(call, 1, "(\"DOUBLE\" or \"ARRAY<DOUBLE>\")", a.get(1));
        }
        if (a.size() == 3 && !isIntegral(a.get(2).dataType())
                && !(a.get(2).dataType() instanceof dev.sluice.sql.types.NullType)) {
            throw FunctionRegistry.unexpectedType(call, 2, "\"INTEGRAL\"", a.get(2));
        }
        Object percentage = notNull(name, "percentage", constant(name, a.get(1)));
        boolean array = percentage instanceof List<?>;
        List<?> values = array ? (List<?>) percentage : List.of(percentage);
        double[] percentages = new double[values.size()];
        for (int i = 0; i < percentages.length; i++) {
            percentages[i] = ((Number) notNull(name, "percentage", values.get(i))).doubleValue();
            if (percentages[i] < 0 || percentages[i] > 1) {
                throw new AnalysisException("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "Cannot resolve \"" + name
                        + "\" due to data type mismatch: The `percentage` must be between [0.0, 1.0], but got "
                        + percentage + ".", "42K09");
            }
        }
        int accuracy = a.size() == 3 ? ((Number) notNull(name, "accuracy", constant(name, a.get(2)))).intValue()
                : DEFAULT_ACCURACY;
        List<Expression> arguments = new ArrayList<>(a);
        if (a.size() == 2) {
            arguments.add(Literal.of(DEFAULT_ACCURACY));
        }
        return new Percentile(name, arguments, percentages, array, accuracy);
    }

    private static boolean isIntegral(DataType type) {
        return type instanceof dev.sluice.sql.types.IntegerType || type instanceof dev.sluice.sql.types.LongType
                || type instanceof dev.sluice.sql.types.ShortType || type instanceof dev.sluice.sql.types.ByteType;
    }

    /** Spark's {@code DATATYPE_MISMATCH.UNEXPECTED_NULL} for a null percentage or accuracy. */
    private static Object notNull(String name, String parameter, Object value) {
        if (value == null) {
            throw new AnalysisException("DATATYPE_MISMATCH.UNEXPECTED_NULL", "Cannot resolve \"" + name
                    + "\" due to data type mismatch: The `" + parameter + "` must not be null.", "42K09");
        }
        return value;
    }

    private static Object constant(String name, Expression e) {
        if (!e.foldable()) {
            throw new AnalysisException("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "Cannot resolve \"" + name
                    + "\" due to data type mismatch: the input " + e.sql() + " should be a foldable expression.",
                    "42K09");
        }
        return e.eval(new dev.sluice.batch.Chunk(1)).getObject(0);
    }

    @Override
    public Expression withNewChildren(List<Expression> newChildren) {
        return new Percentile(name, newChildren, percentages, array, (int) Math.round(1 / relativeError));
    }

    @Override
    public DataType dataType() {
        DataType type = arguments.get(0).dataType();
        return array ? new ArrayType(type, false) : type;
    }

    @Override
    public String prettyName() {
        return name;
    }

    @Override
    public List<DataType> bufferTypes() {
        return List.of(new ArrayType(DataTypes.DoubleType, false));
    }

    @Override
    public Accumulator createAccumulator() {
        return new ObjectAccumulator() {
            @SuppressWarnings("unchecked")
            private List<Object> values(int g) {
                if (values[g] == null) {
                    values[g] = new ArrayList<>();
                }
                return (List<Object>) values[g];
            }

            @Override
            public void update(int[] groupIds, ColumnVector[] args, int rowCount) {
                for (int i = 0; i < rowCount; i++) {
                    Object value = args[0].getObject(i);
                    if (value != null) {
                        values(groupIds[i]).add(toDouble(value));
                    }
                }
            }

            @Override
            protected void accept(int g, Object value) {
                throw new IllegalStateException("percentile input goes through update");
            }

            @Override
            protected void acceptBuffer(int g, Object value) {
                if (value != null) {
                    values(g).addAll((List<?>) value);
                }
            }

            @Override
            public void writeBuffers(int groupCount, ColumnVector[] out) {
                for (int g = 0; g < groupCount; g++) {
                    out[0].appendObject(values[g] == null ? List.of() : values(g));
                }
            }

            @Override
            public void writeResult(int group, ColumnVector out) {
                List<Object> collected = values[group] == null ? List.of() : values(group);
                if (collected.isEmpty()) {
                    out.appendNull();
                    return;
                }
                double[] sorted = new double[collected.size()];
                for (int i = 0; i < sorted.length; i++) {
                    sorted[i] = (Double) collected.get(i);
                }
                Arrays.sort(sorted);
                List<Object> results = new ArrayList<>();
                for (double p : percentages) {
                    results.add(fromDouble(query(sorted, p)));
                }
                out.appendObject(array ? results : results.get(0));
            }
        };
    }

    private double query(double[] sorted, double percentage) {
        if (percentage <= relativeError) {
            return sorted[0];
        }
        if (percentage >= 1 - relativeError) {
            return sorted[sorted.length - 1];
        }
        int rank = (int) Math.ceil(percentage * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    private static double toDouble(Object value) {
        return value instanceof BigDecimal d ? d.doubleValue() : ((Number) value).doubleValue();
    }

    /** Spark's conversion of the double answer back to the input type (truncating for integral types). */
    private Object fromDouble(double value) {
        DataType type = arguments.get(0).dataType();
        if (type instanceof IntegerType || type instanceof ShortType || type instanceof ByteType
                || type instanceof DateType) {
            return (int) value;
        }
        if (type instanceof LongType || type instanceof TimestampType) {
            return (long) value;
        }
        if (type instanceof FloatType) {
            return (float) value;
        }
        if (type instanceof DecimalType d) {
            return BigDecimal.valueOf(value).setScale(d.scale(), java.math.RoundingMode.HALF_UP);
        }
        return value;
    }
}
