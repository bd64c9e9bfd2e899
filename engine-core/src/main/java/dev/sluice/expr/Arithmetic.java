package dev.sluice.expr;

import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.DoubleVector;
import dev.sluice.batch.FloatVector;
import dev.sluice.batch.IntVector;
import dev.sluice.batch.LongVector;
import dev.sluice.sql.types.ByteType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.LongType;
import dev.sluice.sql.types.ShortType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * {@code + - * / % div} over two operands of the same numeric type (the analyzer inserts the casts; see
 * {@link Operators}). Vectorized: one loop per storage type, nulls propagate, ANSI overflow and division by
 * zero raise Spark's errors, non-ANSI yields wrap-around / NULL as Spark.
 */
public final class Arithmetic extends BinaryExpression {
    /** The operator. */
    public enum Op {
        ADD("+", "try_add"), SUBTRACT("-", "try_subtract"), MULTIPLY("*", "try_multiply"),
        DIVIDE("/", "try_divide"), REMAINDER("%", "try_remainder"), INTEGRAL_DIVIDE("div", "try_divide");

        private final String symbol;
        private final String tryFunction;

        Op(String symbol, String tryFunction) {
            this.symbol = symbol;
            this.tryFunction = tryFunction;
        }

        public String symbol() {
            return symbol;
        }
    }

    private final Op op;
    private final DataType resultType;
    private final boolean ansi;

    /** Both operands must already have the operand type the op works on (see {@link Operators#arithmetic}). */
    public Arithmetic(Op op, Expression left, Expression right, DataType resultType, boolean ansi) {
        super(left, right);
        this.op = op;
        this.resultType = resultType;
        this.ansi = ansi;
    }

    public Op op() {
        return op;
    }

    @Override
    protected Expression withNewChildren(Expression newLeft, Expression newRight) {
        return new Arithmetic(op, newLeft, newRight, resultType, ansi);
    }

    @Override
    public DataType dataType() {
        return resultType;
    }

    @Override
    public boolean nullable() {
        // Spark: division and remainder may always give null; without ANSI so may a decimal overflow.
        return super.nullable() || op == Op.DIVIDE || op == Op.REMAINDER || op == Op.INTEGRAL_DIVIDE
                || (!ansi && left().dataType() instanceof dev.sluice.sql.types.DecimalType);
    }

    @Override
    public String sql() {
        return "(" + left.sql() + " " + op.symbol + " " + right.sql() + ")";
    }

    @Override
    public ColumnVector eval(Chunk input) {
        ColumnVector l = left.eval(input);
        ColumnVector r = right.eval(input);
        int n = input.rowCount();
        boolean[] nulls = mergeNulls(l, r, n);
        DataType operandType = left.dataType();
        if (operandType instanceof DecimalType) {
            return evalDecimal(l, r, n, nulls);
        }
        if (operandType instanceof DoubleType) {
            return evalDouble(((DoubleVector) l).values(), ((DoubleVector) r).values(), n, nulls);
        }
        if (operandType instanceof FloatType) {
            return evalFloat(((FloatVector) l).values(), ((FloatVector) r).values(), n, nulls);
        }
        if (operandType instanceof LongType) {
            return evalLong(((LongVector) l).values(), ((LongVector) r).values(), n, nulls);
        }
        return evalInt(((IntVector) l).values(), ((IntVector) r).values(), n, nulls);
    }

    static boolean[] mergeNulls(ColumnVector l, ColumnVector r, int n) {
        boolean[] ln = l.nullsArray();
        boolean[] rn = r.nullsArray();
        if (ln == null && rn == null) {
            return null;
        }
        boolean[] out = new boolean[Math.max(n, 1)];
        for (int i = 0; i < n; i++) {
            out[i] = (ln != null && ln[i]) || (rn != null && rn[i]);
        }
        return out;
    }

    private static boolean isNull(boolean[] nulls, int i) {
        return nulls != null && nulls[i];
    }

    private boolean[] markNull(boolean[] nulls, int i, int n) {
        boolean[] out = nulls == null ? new boolean[Math.max(n, 1)] : nulls;
        out[i] = true;
        return out;
    }

    private ColumnVector evalLong(long[] a, long[] b, int n, boolean[] nulls) {
        if (op == Op.DIVIDE) {
            throw new IllegalStateException("'/' on bigint must be planned as double or decimal division");
        }
        long[] out = new long[Math.max(n, 1)];
        for (int i = 0; i < n; i++) {
            if (isNull(nulls, i)) {
                continue;
            }
            long x = a[i];
            long y = b[i];
            switch (op) {
                case ADD -> out[i] = ansi ? addExact(x, y) : x + y;
                case SUBTRACT -> out[i] = ansi ? subtractExact(x, y) : x - y;
                case MULTIPLY -> out[i] = ansi ? multiplyExact(x, y) : x * y;
                default -> {
                    if (y == 0) {
                        if (ansi) {
                            throw ArithmeticErrors.divideByZero();
                        }
                        nulls = markNull(nulls, i, n);
                    } else {
                        out[i] = op == Op.REMAINDER ? x % y : x / y;
                    }
                }
            }
        }
        return LongVector.wrap(resultType, out, n, nulls);
    }

    private long addExact(long x, long y) {
        long r = x + y;
        if (((x ^ r) & (y ^ r)) < 0) {
            throw ArithmeticErrors.overflow("long", op.tryFunction);
        }
        return r;
    }

    private long subtractExact(long x, long y) {
        long r = x - y;
        if (((x ^ y) & (x ^ r)) < 0) {
            throw ArithmeticErrors.overflow("long", op.tryFunction);
        }
        return r;
    }

    private long multiplyExact(long x, long y) {
        long hi = Math.multiplyHigh(x, y);
        long lo = x * y;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return lo;
        }
        throw ArithmeticErrors.overflow("long", op.tryFunction);
    }

    private ColumnVector evalInt(int[] a, int[] b, int n, boolean[] nulls) {
        DataType type = left.dataType();
        long min = type instanceof ByteType ? Byte.MIN_VALUE : type instanceof ShortType ? Short.MIN_VALUE : Integer.MIN_VALUE;
        long max = type instanceof ByteType ? Byte.MAX_VALUE : type instanceof ShortType ? Short.MAX_VALUE : Integer.MAX_VALUE;
        if (op == Op.INTEGRAL_DIVIDE) {
            long[] out = new long[Math.max(n, 1)];
            for (int i = 0; i < n; i++) {
                if (!isNull(nulls, i)) {
                    if (b[i] == 0) {
                        if (ansi) {
                            throw ArithmeticErrors.divideByZero();
                        }
                        nulls = markNull(nulls, i, n);
                    } else {
                        out[i] = (long) a[i] / b[i];
                    }
                }
            }
            return LongVector.wrap(resultType, out, n, nulls);
        }
        int[] out = new int[Math.max(n, 1)];
        for (int i = 0; i < n; i++) {
            if (isNull(nulls, i)) {
                continue;
            }
            long x = a[i];
            long y = b[i];
            long r;
            switch (op) {
                case ADD -> r = x + y;
                case SUBTRACT -> r = x - y;
                case MULTIPLY -> r = x * y;
                default -> {
                    if (y == 0) {
                        if (ansi) {
                            throw ArithmeticErrors.divideByZero();
                        }
                        nulls = markNull(nulls, i, n);
                        r = 0;
                    } else {
                        r = x % y;
                    }
                }
            }
            if (r < min || r > max) {
                if (ansi) {
                    throw ArithmeticErrors.overflow(type.typeName(), op.tryFunction);
                }
                r = type instanceof ByteType ? (byte) r : type instanceof ShortType ? (short) r : (int) r;
            }
            out[i] = (int) r;
        }
        return IntVector.wrap(resultType, out, n, nulls);
    }

    private ColumnVector evalDouble(double[] a, double[] b, int n, boolean[] nulls) {
        double[] out = new double[Math.max(n, 1)];
        for (int i = 0; i < n; i++) {
            if (isNull(nulls, i)) {
                continue;
            }
            double x = a[i];
            double y = b[i];
            switch (op) {
                case ADD -> out[i] = x + y;
                case SUBTRACT -> out[i] = x - y;
                case MULTIPLY -> out[i] = x * y;
                default -> {
                    if (y == 0) {
                        if (ansi) {
                            throw ArithmeticErrors.divideByZero();
                        }
                        nulls = markNull(nulls, i, n);
                    } else {
                        out[i] = op == Op.REMAINDER ? x % y : op == Op.DIVIDE ? x / y : (double) (long) (x / y);
                    }
                }
            }
        }
        if (op == Op.INTEGRAL_DIVIDE) {
            long[] longs = new long[Math.max(n, 1)];
            for (int i = 0; i < n; i++) {
                longs[i] = (long) out[i];
            }
            return LongVector.wrap(resultType, longs, n, nulls);
        }
        return DoubleVector.wrap(out, n, nulls);
    }

    private ColumnVector evalFloat(float[] a, float[] b, int n, boolean[] nulls) {
        float[] out = new float[Math.max(n, 1)];
        for (int i = 0; i < n; i++) {
            if (isNull(nulls, i)) {
                continue;
            }
            float x = a[i];
            float y = b[i];
            switch (op) {
                case ADD -> out[i] = x + y;
                case SUBTRACT -> out[i] = x - y;
                case MULTIPLY -> out[i] = x * y;
                default -> {
                    if (y == 0) {
                        if (ansi) {
                            throw ArithmeticErrors.divideByZero();
                        }
                        nulls = markNull(nulls, i, n);
                    } else {
                        out[i] = op == Op.REMAINDER ? x % y : x / y;
                    }
                }
            }
        }
        return FloatVector.wrap(out, n, nulls);
    }

    private ColumnVector evalDecimal(ColumnVector l, ColumnVector r, int n, boolean[] nulls) {
        ColumnVector out = ColumnVector.allocate(resultType, n);
        DecimalType result = resultType instanceof DecimalType d ? d : null;
        for (int i = 0; i < n; i++) {
            if (isNull(nulls, i)) {
                out.appendNull();
                continue;
            }
            BigDecimal x = l.getDecimal(i);
            BigDecimal y = r.getDecimal(i);
            BigDecimal value;
            switch (op) {
                case ADD -> value = x.add(y);
                case SUBTRACT -> value = x.subtract(y);
                case MULTIPLY -> value = x.multiply(y);
                default -> {
                    if (y.signum() == 0) {
                        if (ansi) {
                            throw ArithmeticErrors.divideByZero();
                        }
                        out.appendNull();
                        continue;
                    }
                    if (op == Op.REMAINDER) {
                        value = x.remainder(y);
                    } else if (op == Op.INTEGRAL_DIVIDE) {
                        out.appendLong(x.divideToIntegralValue(y).longValue());
                        continue;
                    } else {
                        value = x.divide(y, new MathContext(DecimalType.MAX_PRECISION + 1, RoundingMode.HALF_UP));
                    }
                }
            }
            value = value.setScale(result.scale(), RoundingMode.HALF_UP);
            if (value.precision() > result.precision()) {
                if (ansi) {
                    throw ArithmeticErrors.decimalOutOfRange(value, result.precision(), result.scale());
                }
                out.appendNull();
                continue;
            }
            out.appendObject(value);
        }
        return out;
    }
}
