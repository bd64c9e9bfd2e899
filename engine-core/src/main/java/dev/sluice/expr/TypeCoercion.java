package dev.sluice.expr;

import dev.sluice.sql.types.ByteType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DateType;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.IntegerType;
import dev.sluice.sql.types.LongType;
import dev.sluice.sql.types.NullType;
import dev.sluice.sql.types.ShortType;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.TimestampType;
import dev.sluice.sql.types.TimestampNTZType;
import dev.sluice.sql.types.DayTimeIntervalType;
import dev.sluice.sql.types.YearMonthIntervalType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Spark's implicit type coercion (ANSI flavour): the wider type of two operands, and the casts to insert
 * so that both sides of an operator share it. Precedence: byte &lt; short &lt; int &lt; long &lt; decimal &lt;
 * float &lt; double; NULL widens to anything; date widens to timestamp; strings are cast to the other side.
 */
public final class TypeCoercion {
    private TypeCoercion() {
    }

    /** The decimal type able to hold every value of an integral type exactly, or null for non-integral types. */
    public static DecimalType decimalFor(DataType type) {
        if (type instanceof ByteType) {
            return new DecimalType(3, 0);
        }
        if (type instanceof ShortType) {
            return new DecimalType(5, 0);
        }
        if (type instanceof IntegerType) {
            return new DecimalType(10, 0);
        }
        if (type instanceof LongType) {
            return new DecimalType(20, 0);
        }
        if (type instanceof DecimalType d) {
            return d;
        }
        return null;
    }

    private static int numericRank(DataType t) {
        if (t instanceof ByteType) {
            return 1;
        }
        if (t instanceof ShortType) {
            return 2;
        }
        if (t instanceof IntegerType) {
            return 3;
        }
        if (t instanceof LongType) {
            return 4;
        }
        if (t instanceof DecimalType) {
            return 5;
        }
        if (t instanceof FloatType) {
            return 6;
        }
        if (t instanceof DoubleType) {
            return 7;
        }
        return 0;
    }

    /** The common type of two types, if Spark would find one implicitly. */
    public static Optional<DataType> widerType(DataType a, DataType b) {
        if (a.equals(b)) {
            return Optional.of(a);
        }
        if (a instanceof NullType) {
            return Optional.of(b);
        }
        if (b instanceof NullType) {
            return Optional.of(a);
        }
        int ra = numericRank(a);
        int rb = numericRank(b);
        if (ra > 0 && rb > 0) {
            if (a instanceof DecimalType || b instanceof DecimalType) {
                if (ra > 5 || rb > 5) {
                    return Optional.of(ra > rb ? a : b);
                }
                return Optional.of(widerDecimal(decimalFor(a), decimalFor(b)));
            }
            return Optional.of(ra > rb ? a : b);
        }
        if ((a instanceof DateType && b instanceof TimestampType) || (a instanceof TimestampType && b instanceof DateType)) {
            return Optional.of(DataTypes.TimestampType);
        }
        Optional<DataType> temporal = widerTemporal(a, b);
        if (temporal.isPresent()) {
            return temporal;
        }
        if (a instanceof StringType && isAtomicNonString(b)) {
            return Optional.of(b);
        }
        if (b instanceof StringType && isAtomicNonString(a)) {
            return Optional.of(a);
        }
        return Optional.empty();
    }

    /** Wider type for functions like coalesce/greatest/CASE branches, where string and numbers meet as string. */
    public static Optional<DataType> widerTypeForValues(List<DataType> types) {
        DataType result = DataTypes.NullType;
        for (DataType t : types) {
            Optional<DataType> w = widerType(result, t);
            if (w.isEmpty()) {
                if ((result instanceof StringType && isAtomicNonString(t))
                        || (t instanceof StringType && isAtomicNonString(result))) {
                    result = DataTypes.StringType;
                    continue;
                }
                return Optional.empty();
            }
            DataType widened = w.get();
            // Values of different kinds collected together become strings (Spark's findWiderCommonType).
            if (!(result instanceof NullType) && (result instanceof StringType || t instanceof StringType)) {
                widened = DataTypes.StringType;
            }
            result = widened;
        }
        return Optional.of(result);
    }

    /**
     * Spark's tightest common types of timestamp_ntz and the ANSI intervals: date and timestamp_ntz meet as
     * timestamp_ntz, timestamp_ntz and timestamp as timestamp; intervals of one kind as the interval spanning
     * both types' fields.
     */
    private static Optional<DataType> widerTemporal(DataType a, DataType b) {
        boolean ntz = a instanceof TimestampNTZType || b instanceof TimestampNTZType;
        if (ntz && (a instanceof DateType || b instanceof DateType)) {
            return Optional.of(DataTypes.TimestampNTZType);
        }
        if (ntz && (a instanceof TimestampType || b instanceof TimestampType)) {
            return Optional.of(DataTypes.TimestampType);
        }
        if (a instanceof DayTimeIntervalType x && b instanceof DayTimeIntervalType y) {
            return Optional.of(DataTypes.createDayTimeIntervalType((byte) Math.min(x.startField(), y.startField()),
                    (byte) Math.max(x.endField(), y.endField())));
        }
        if (a instanceof YearMonthIntervalType x && b instanceof YearMonthIntervalType y) {
            return Optional.of(DataTypes.createYearMonthIntervalType((byte) Math.min(x.startField(), y.startField()),
                    (byte) Math.max(x.endField(), y.endField())));
        }
        return Optional.empty();
    }

    private static boolean isAtomicNonString(DataType t) {
        return numericRank(t) > 0 || t instanceof DateType || t instanceof TimestampType || t instanceof TimestampNTZType
                || t.equals(DataTypes.BooleanType) || t.equals(DataTypes.BinaryType);
    }

    /** The decimal holding both operands: max integral digits + max scale (bounded to 38). */
    public static DecimalType widerDecimal(DecimalType a, DecimalType b) {
        int scale = Math.max(a.scale(), b.scale());
        int integral = Math.max(a.precision() - a.scale(), b.precision() - b.scale());
        return boundedDecimal(integral + scale, scale);
    }

    /** Spark's result-type adjustment when precision exceeds 38 (precision loss allowed, min scale 6). */
    public static DecimalType adjustPrecisionScale(int precision, int scale) {
        if (precision <= DecimalType.MAX_PRECISION) {
            return new DecimalType(precision, scale);
        }
        if (scale < 0) {
            return new DecimalType(DecimalType.MAX_PRECISION, scale);
        }
        int integralDigits = precision - scale;
        int minScale = Math.min(scale, 6);
        int adjustedScale = Math.max(DecimalType.MAX_PRECISION - integralDigits, minScale);
        return new DecimalType(DecimalType.MAX_PRECISION, adjustedScale);
    }

    private static DecimalType boundedDecimal(int precision, int scale) {
        return new DecimalType(Math.min(precision, 38), Math.min(scale, 38));
    }

    /** Casts every expression to {@code type} where needed. */
    public static List<Expression> castAll(List<Expression> expressions, DataType type, FunctionContext context) {
        List<Expression> out = new ArrayList<>(expressions.size());
        for (Expression e : expressions) {
            out.add(Cast.castIfNeeded(e, type, context));
        }
        return out;
    }

    public static boolean isNumeric(DataType t) {
        return numericRank(t) > 0;
    }

    public static boolean isIntegral(DataType t) {
        int r = numericRank(t);
        return r >= 1 && r <= 4;
    }

    /** Double for strings in arithmetic; the type itself otherwise. */
    public static DataType arithmeticOperandType(DataType t) {
        return t instanceof StringType ? DataTypes.DoubleType : t;
    }
}
