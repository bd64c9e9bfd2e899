package dev.sluice.expr.aggregate;

import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.Expression;
import dev.sluice.expr.scalar.XxHash64;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Spark's {@code approx_count_distinct(x[, relativeSD])} ({@code HyperLogLogPlusPlus}): the HLL++ sketch with
 * {@code p = ceil(2 log2(1.106 / relativeSD))} index bits (9 for the default 0.05), values hashed with
 * {@link XxHash64} seed 42 (floats and doubles normalized first), linear counting below Spark's thresholds and the
 * paper's k-nearest-neighbour bias correction (k = 6) below {@code 5m} (plain HyperLogLog from 19 index bits, as
 * Spark); so the estimates are Spark's for the same
 * values. Nulls are not counted; an empty group gives 0. The buffer (and the state a streaming aggregation keeps)
 * is the registers, one byte each, as a binary value. Immutable.
 */
public final class HyperLogLogPlusPlus extends AggregateFunction {
    private static final double[] THRESHOLDS;
    private static final double[][] RAW_ESTIMATES = new double[15][];
    private static final double[][] BIASES = new double[15][];
    private static final int K = 6;

    static {
        double[] thresholds = null;
        try (InputStream in = HyperLogLogPlusPlus.class.getResourceAsStream("hllpp-data.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" ");
                if (parts[0].equals("thresholds")) {
                    thresholds = numbers(parts, 1);
                } else {
                    int p = Integer.parseInt(parts[1]);
                    (parts[0].equals("raw") ? RAW_ESTIMATES : BIASES)[p - 4] = numbers(parts, 2);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the HLL++ data", e);
        }
        THRESHOLDS = thresholds;
    }

    private final double relativeSD;
    private final int p;
    private final int m;

    /**
     * @throws dev.sluice.sql.AnalysisException when {@code relativeSD} asks for fewer than 4 index bits (over 39%)
     *     or more than 30 (0, NaN or below about 0.00003)
     */
    public HyperLogLogPlusPlus(Expression child, double relativeSD) {
        super(List.of(child));
        this.relativeSD = relativeSD;
        this.p = (int) Math.ceil(2.0d * Math.log(1.106d / relativeSD) / Math.log(2.0d));
        if (!(p >= 4)) {
            throw new dev.sluice.sql.AnalysisException("INVALID_PARAMETER_VALUE.RELATIVE_SD",
                    "requirement failed: HLL++ requires at least 4 bits for addressing. Use a lower error, at most"
                            + " 39%.", "22023");
        }
        if (p > MAX_P) {
            // Spark computes 1 << p unchecked; past 30 bits that overflows (rsd 0, NaN or tiny)
            throw new dev.sluice.sql.AnalysisException("INVALID_PARAMETER_VALUE.RELATIVE_SD",
                    "The value of parameter(s) `rsd` in `approx_count_distinct` is invalid: HLL++ needs at most "
                            + MAX_P + " bits for addressing; use a relative standard deviation of at least "
                            + String.format(java.util.Locale.ROOT, "%.6f", MIN_RSD) + " (got " + relativeSD + ").",
                    "22023");
        }
        this.m = 1 << p;
    }

    /** The most index bits a sketch may have: 2^30 registers already take about 860 MB. */
    private static final int MAX_P = 30;
    /** The smallest relative standard deviation that gives at most {@link #MAX_P} bits. */
    private static final double MIN_RSD = 1.106d / Math.pow(2.0d, MAX_P / 2.0d);

    private static double[] numbers(String[] parts, int from) {
        double[] out = new double[parts.length - from];
        for (int i = from; i < parts.length; i++) {
            out[i - from] = Double.parseDouble(parts[i]);
        }
        return out;
    }

    @Override
    public Expression withNewChildren(List<Expression> newChildren) {
        return new HyperLogLogPlusPlus(newChildren.get(0), relativeSD);
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
        return "approx_count_distinct";
    }

    @Override
    public List<DataType> bufferTypes() {
        return List.of(DataTypes.BinaryType);
    }

    /** The register index and the rank ({@code leading zeros + 1}) of one value's hash, packed as {@code index << 8 | rank}. */
    int slot(Object value, DataType type) {
        long x = XxHash64.hashValue(value, type, 42L);
        int index = (int) (x >>> (Long.SIZE - p));
        int rank = Long.numberOfLeadingZeros((x << p) | (1L << (p - 1))) + 1;
        return index << 8 | rank;
    }

    /** Spark's HLL++ estimate of filled registers. */
    long estimate(byte[] registers) {
        double zInverse = 0;
        double zeros = 0;
        for (int j = 0; j < m; j++) {
            zInverse += 1.0 / (1L << registers[j]);
            if (registers[j] == 0) {
                zeros++;
            }
        }
        double alphaM2 = switch (p) {
            case 4 -> 0.673d * m * m;
            case 5 -> 0.697d * m * m;
            case 6 -> 0.709d * m * m;
            default -> (0.7213d / (1.0d + 1.079d / m)) * m * m;
        };
        double e = alphaM2 / zInverse;
        double estimate;
        if (zeros > 0) {
            double h = m * Math.log(m / zeros);
            // HLL++ is defined for p < 19; beyond, Spark falls back to plain HyperLogLog, as here
            estimate = p < 19 && h <= THRESHOLDS[p - 4] || e <= 2.5 * m ? h : biasCorrected(e);
        } else {
            estimate = biasCorrected(e);
        }
        return Math.round(estimate);
    }

    private double biasCorrected(double e) {
        return p < 19 && e < 5.0d * m ? e - bias(e) : e;
    }

    /** The mean bias of the k raw estimates nearest to {@code e}. */
    private double bias(double e) {
        double[] estimates = RAW_ESTIMATES[p - 4];
        int n = estimates.length;
        int nearest = Arrays.binarySearch(estimates, 0, n, e);
        if (nearest < 0) {
            nearest = -(nearest + 1);
        }
        int low = Math.max(nearest - K + 1, 0);
        int high = Math.min(low + K, n);
        while (high < n && square(e - estimates[high]) < square(e - estimates[low])) {
            low++;
            high++;
        }
        double sum = 0;
        for (int i = low; i < high; i++) {
            sum += BIASES[p - 4][i];
        }
        return sum / (high - low);
    }

    private static double square(double d) {
        return d * d;
    }

    @Override
    public Accumulator createAccumulator() {
        DataType type = arguments.get(0).dataType();
        return new ObjectAccumulator() {
            private byte[] registers(int g) {
                if (values[g] == null) {
                    values[g] = new byte[m];
                }
                return (byte[]) values[g];
            }

            @Override
            protected void accept(int g, Object value) {
                if (value != null) {
                    int slot = slot(value, type);
                    byte[] r = registers(g);
                    int index = slot >>> 8;
                    r[index] = (byte) Math.max(r[index], slot & 0xFF);
                }
            }

            @Override
            protected void acceptBuffer(int g, Object value) {
                if (value != null) {
                    byte[] other = (byte[]) value;
                    byte[] r = registers(g);
                    for (int j = 0; j < m; j++) {
                        r[j] = (byte) Math.max(r[j], other[j]);
                    }
                }
            }

            @Override
            public void writeBuffers(int groupCount, ColumnVector[] out) {
                for (int g = 0; g < groupCount; g++) {
                    out[0].appendObject(registers(g).clone());
                }
            }

            @Override
            public void writeResult(int group, ColumnVector out) {
                out.appendLong(estimate(registers(group)));
            }
        };
    }
}
