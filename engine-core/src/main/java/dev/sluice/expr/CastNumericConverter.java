package dev.sluice.expr;

import dev.sluice.batch.BooleanVector;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.DoubleVector;
import dev.sluice.batch.FloatVector;
import dev.sluice.batch.IntVector;
import dev.sluice.batch.LongVector;
import dev.sluice.expr.CastConversions.Mode;
import dev.sluice.expr.CastConversions.NumericSource;
import dev.sluice.sql.types.BooleanType;
import dev.sluice.sql.types.ByteType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.IntegerType;
import dev.sluice.sql.types.LongType;
import dev.sluice.sql.types.ShortType;
import dev.sluice.sql.types.TimestampType;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Casts between numeric-like types (byte, short, int, long, float, double, decimal, boolean, timestamp
 * as seconds). Overflow raises {@code CAST_OVERFLOW} / {@code NUMERIC_VALUE_OUT_OF_RANGE} in ANSI mode,
 * yields null for try_cast, and wraps like Java narrowing (or null for decimals) in legacy mode.
 * Immutable and thread-safe.
 */
final class CastNumericConverter implements CastConversions.VectorConverter {
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private final NumericSource source;
    private final DataType from;
    private final DataType to;
    private final Mode mode;
    private final long min;
    private final long max;
    private final BigDecimal minDecimal;
    private final BigDecimal maxDecimal;

    CastNumericConverter(NumericSource source, DataType from, DataType to, Mode mode) {
        this.source = source;
        this.from = from;
        this.to = to;
        this.mode = mode;
        if (to instanceof ByteType) {
            min = Byte.MIN_VALUE;
            max = Byte.MAX_VALUE;
        } else if (to instanceof ShortType) {
            min = Short.MIN_VALUE;
            max = Short.MAX_VALUE;
        } else if (to instanceof IntegerType) {
            min = Integer.MIN_VALUE;
            max = Integer.MAX_VALUE;
        } else {
            min = Long.MIN_VALUE;
            max = Long.MAX_VALUE;
        }
        minDecimal = BigDecimal.valueOf(min);
        maxDecimal = BigDecimal.valueOf(max);
        if (!(to instanceof ByteType || to instanceof ShortType || to instanceof IntegerType || to instanceof LongType
                || to instanceof FloatType || to instanceof DoubleType || to instanceof DecimalType
                || to instanceof BooleanType || to instanceof TimestampType)) {
            throw new IllegalArgumentException("no numeric cast to " + to.simpleString());
        }
    }

    @Override
    public ColumnVector convert(ColumnVector input) {
        if (to instanceof LongType || to instanceof IntegerType || to instanceof ShortType || to instanceof ByteType) {
            return toIntegral(input);
        }
        if (to instanceof DoubleType) {
            int size = input.size();
            double[] out = new double[Math.max(size, 1)];
            for (int i = 0; i < size; i++) {
                if (!input.isNull(i)) {
                    out[i] = source.asDouble(input, i);
                }
            }
            return DoubleVector.wrap(out, size, CastConversions.copyNulls(input));
        }
        if (to instanceof FloatType) {
            int size = input.size();
            float[] out = new float[Math.max(size, 1)];
            for (int i = 0; i < size; i++) {
                if (!input.isNull(i)) {
                    out[i] = (float) source.asDouble(input, i);
                }
            }
            return FloatVector.wrap(out, size, CastConversions.copyNulls(input));
        }
        if (to instanceof BooleanType) {
            int size = input.size();
            boolean[] out = new boolean[Math.max(size, 1)];
            for (int i = 0; i < size; i++) {
                if (!input.isNull(i)) {
                    out[i] = source.asDouble(input, i) != 0;
                }
            }
            return BooleanVector.wrap(out, size, CastConversions.copyNulls(input));
        }
        if (to instanceof DecimalType decimal) {
            return toDecimal(input, decimal);
        }
        return toTimestamp(input);
    }

    private ColumnVector toIntegral(ColumnVector input) {
        int size = input.size();
        long[] values = new long[Math.max(size, 1)];
        NullMask nulls = new NullMask(input);
        switch (source.kind) {
            case INTEGRAL -> {
                for (int i = 0; i < size; i++) {
                    if (!input.isNull(i)) {
                        long v = source.asLong(input, i);
                        values[i] = v;
                        if (v < min || v > max) {
                            overflow(input, i, nulls);
                        }
                    }
                }
            }
            case FLOATING -> {
                for (int i = 0; i < size; i++) {
                    if (!input.isNull(i)) {
                        double d = source.asDouble(input, i);
                        // In range when the value truncated toward zero fits (NaN compares false).
                        if (Math.floor(d) <= max && Math.ceil(d) >= min) {
                            values[i] = (long) d;
                        } else {
                            values[i] = to instanceof LongType ? (long) d : (int) d;
                            overflow(input, i, nulls);
                        }
                    }
                }
            }
            case DECIMAL -> {
                for (int i = 0; i < size; i++) {
                    if (!input.isNull(i)) {
                        BigDecimal truncated = source.asDecimal(input, i).setScale(0, RoundingMode.DOWN);
                        if (truncated.compareTo(minDecimal) < 0 || truncated.compareTo(maxDecimal) > 0) {
                            failWithNull(input, i, nulls);
                        } else {
                            values[i] = truncated.longValueExact();
                        }
                    }
                }
            }
            default -> throw new IllegalStateException();
        }
        if (to instanceof LongType) {
            return LongVector.wrap(to, values, size, nulls.array());
        }
        int[] narrowed = new int[Math.max(size, 1)];
        for (int i = 0; i < size; i++) {
            long v = values[i];
            narrowed[i] = to instanceof ByteType ? (byte) v : to instanceof ShortType ? (short) v : (int) v;
        }
        return IntVector.wrap(to, narrowed, size, nulls.array());
    }

    /** Out of range: error in ANSI, null for try_cast, keep the wrapped value in legacy mode. */
    private void overflow(ColumnVector input, int row, NullMask nulls) {
        if (mode == Mode.ANSI) {
            throw ExecutionErrors.castOverflow(input.getObject(row), from, to);
        }
        if (mode == Mode.TRY) {
            nulls.set(row);
        }
    }

    /** Out of range: error in ANSI, null otherwise. */
    private void failWithNull(ColumnVector input, int row, NullMask nulls) {
        if (mode == Mode.ANSI) {
            throw ExecutionErrors.castOverflow(input.getObject(row), from, to);
        }
        nulls.set(row);
    }

    private ColumnVector toDecimal(ColumnVector input, DecimalType decimal) {
        int size = input.size();
        ColumnVector out = ColumnVector.allocate(decimal, size);
        for (int i = 0; i < size; i++) {
            if (input.isNull(i)) {
                out.appendNull();
                continue;
            }
            BigDecimal value = source.asDecimal(input, i);
            BigDecimal rounded = value == null ? null : fitDecimal(value, decimal);
            if (rounded == null) {
                if (mode == Mode.ANSI) {
                    if (value == null) {
                        throw ExecutionErrors.castOverflow(input.getObject(i), from, to);
                    }
                    throw ArithmeticErrors.decimalOutOfRange(value, decimal.precision(), decimal.scale());
                }
                out.appendNull();
            } else {
                out.appendObject(rounded);
            }
        }
        return out;
    }

    /** {@code value} rounded HALF_UP to the type's scale, or null when it needs more digits than the precision. */
    static BigDecimal fitDecimal(BigDecimal value, DecimalType type) {
        BigDecimal rounded = value.setScale(type.scale(), RoundingMode.HALF_UP);
        return rounded.precision() - rounded.scale() > type.precision() - type.scale() && rounded.signum() != 0
                ? null : rounded;
    }

    private ColumnVector toTimestamp(ColumnVector input) {
        int size = input.size();
        long[] values = new long[Math.max(size, 1)];
        NullMask nulls = new NullMask(input);
        for (int i = 0; i < size; i++) {
            if (input.isNull(i)) {
                continue;
            }
            try {
                values[i] = switch (source.kind) {
                    case INTEGRAL -> Math.multiplyExact(source.asLong(input, i), MICROS_PER_SECOND);
                    case FLOATING -> floatingSecondsToMicros(source.asDouble(input, i));
                    case DECIMAL -> source.asDecimal(input, i).movePointRight(6).setScale(0, RoundingMode.DOWN)
                            .longValueExact();
                };
            } catch (ArithmeticException e) {
                failWithNull(input, i, nulls);
            }
        }
        return LongVector.wrap(to, values, size, nulls.array());
    }

    private static long floatingSecondsToMicros(double seconds) {
        double micros = seconds * MICROS_PER_SECOND;
        if (Double.isNaN(micros) || micros >= 0x1p63 || micros < -0x1p63) {
            throw new ArithmeticException("timestamp overflow");
        }
        return (long) micros;
    }

    /** A validity map copied from the input and extended lazily with conversion failures. */
    static final class NullMask {
        private final int capacity;
        private boolean[] nulls;

        NullMask(ColumnVector input) {
            this.capacity = Math.max(input.size(), 1);
            this.nulls = CastConversions.copyNulls(input);
        }

        void set(int row) {
            if (nulls == null) {
                nulls = new boolean[capacity];
            }
            nulls[row] = true;
        }

        boolean[] array() {
            return nulls;
        }
    }
}
