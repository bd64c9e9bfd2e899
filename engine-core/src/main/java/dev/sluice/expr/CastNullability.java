package dev.sluice.expr;

import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.BinaryType;
import dev.sluice.sql.types.BooleanType;
import dev.sluice.sql.types.ByteType;
import dev.sluice.sql.types.CalendarIntervalType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DateType;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.IntegerType;
import dev.sluice.sql.types.LongType;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.NullType;
import dev.sluice.sql.types.ShortType;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.StructType;
import dev.sluice.sql.types.TimestampType;
import java.util.List;

/**
 * Whether a cast's result may be null although its input is not, by Spark 4.1's rules ({@code Cast.nullable},
 * {@code Cast.forceNullable}, {@code UpCastRule.canUpCast}): a cast from a string to anything but a string or
 * binary may be null (text that does not parse, e.g. {@code CAST('NaN' AS DOUBLE)} is nullable although it
 * parses), as may a cast to a date, a fraction to an integer, or a number to a decimal too narrow for it; a
 * {@code try_cast} is nullable unless it is an up-cast. These rules decide the schema (and so
 * {@code printSchema()}), not the values. Stateless.
 */
final class CastNullability {
    /** Integral and floating types in widening order, as Spark's {@code UpCastRule.numericPrecedence}. */
    private static final List<DataType> NUMERIC_PRECEDENCE = List.of(DataTypes.ByteType, DataTypes.ShortType,
            DataTypes.IntegerType, DataTypes.LongType, DataTypes.FloatType, DataTypes.DoubleType);

    private CastNullability() {
    }

    /** Nullability of {@code CAST(child AS to)} (or {@code TRY_CAST} when {@code tryCast}). */
    static boolean nullable(boolean childNullable, DataType from, DataType to, boolean tryCast) {
        if (!tryCast) {
            return childNullable || forceNullable(from, to);
        }
        if (from instanceof StringType && to instanceof BinaryType) {
            return childNullable;
        }
        if (from instanceof DecimalType && isIntegral(to)) {
            return true;
        }
        return childNullable || !canUpCast(from, to);
    }

    /** True when casting a non-null value of {@code from} to {@code to} may give null. */
    static boolean forceNullable(DataType from, DataType to) {
        if (from instanceof NullType || from.equals(to)) {
            return false;
        }
        if (from instanceof StringType) {
            return !(to instanceof BinaryType || to instanceof StringType);
        }
        if (to instanceof StringType || CastTemporal.canCast(from, to)) {
            return false; // the temporal casts never fail
        }
        if (from instanceof TimestampType && (to instanceof ByteType || to instanceof ShortType
                || to instanceof IntegerType)) {
            return true;
        }
        if ((from instanceof FloatType || from instanceof DoubleType) && to instanceof TimestampType) {
            return true;
        }
        if (from instanceof TimestampType && to instanceof DateType) {
            return false;
        }
        if (to instanceof DateType) {
            return true;
        }
        if (from instanceof DateType && to instanceof TimestampType) {
            return false;
        }
        if (from instanceof DateType || to instanceof CalendarIntervalType) {
            return true;
        }
        if (to instanceof DecimalType decimal && !canNullSafeCastToDecimal(from, decimal)) {
            return true;
        }
        return (from instanceof FloatType || from instanceof DoubleType) && isIntegral(to);
    }

    private static boolean canNullSafeCastToDecimal(DataType from, DecimalType to) {
        if (from instanceof BooleanType) {
            return isWider(to, new DecimalType(1, 0));
        }
        if (from instanceof DecimalType decimal) {
            return to.precision() - to.scale() > decimal.precision() - decimal.scale();
        }
        return from.isNumeric() && isWider(to, from);
    }

    /**
     * Spark's {@code UpCastRule.canUpCast} for the types Sluice has: the casts that never truncate, lose precision
     * or fail (also what an encoder may apply when it reads a column into a field of another type).
     */
    static boolean canUpCast(DataType from, DataType to) {
        if (from.equals(to) || from instanceof NullType) {
            return true;
        }
        if (from.isNumeric() && to instanceof DecimalType decimal && isWider(decimal, from)) {
            return true;
        }
        if (from instanceof DecimalType decimal && to.isNumeric() && isTighter(decimal, to)) {
            return true;
        }
        int fromRank = NUMERIC_PRECEDENCE.indexOf(from);
        if (fromRank >= 0 && fromRank < NUMERIC_PRECEDENCE.indexOf(to)) {
            return true;
        }
        if (from instanceof DateType && to instanceof TimestampType) {
            return true;
        }
        if (CastTemporal.canUpCast(from, to)) {
            return true;
        }
        if (to instanceof StringType) {
            return !(from instanceof ArrayType || from instanceof MapType || from instanceof StructType);
        }
        if ((from instanceof TimestampType && to instanceof LongType)
                || (from instanceof LongType && to instanceof TimestampType)) {
            return true;
        }
        if (from instanceof ArrayType a && to instanceof ArrayType b) {
            return (!a.containsNull() || b.containsNull()) && canUpCast(a.elementType(), b.elementType());
        }
        if (from instanceof MapType a && to instanceof MapType b) {
            return (!a.valueContainsNull() || b.valueContainsNull()) && canUpCast(a.keyType(), b.keyType())
                    && canUpCast(a.valueType(), b.valueType());
        }
        if (from instanceof StructType a && to instanceof StructType b) {
            if (a.length() != b.length()) {
                return false;
            }
            for (int i = 0; i < a.length(); i++) {
                if ((a.apply(i).nullable() && !b.apply(i).nullable())
                        || !canUpCast(a.apply(i).dataType(), b.apply(i).dataType())) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** Spark's {@code DecimalType.isWiderThan}: integral types count as their decimal forms, others never. */
    private static boolean isWider(DecimalType decimal, DataType other) {
        DecimalType o = other instanceof DecimalType d ? d : integralAsDecimal(other);
        return o != null && decimal.precision() - decimal.scale() >= o.precision() - o.scale()
                && decimal.scale() >= o.scale();
    }

    /** Spark's {@code DecimalType.isTighterThan}. */
    private static boolean isTighter(DecimalType decimal, DataType other) {
        if (other instanceof DecimalType o) {
            return decimal.precision() - decimal.scale() <= o.precision() - o.scale() && decimal.scale() <= o.scale();
        }
        DecimalType integral = integralAsDecimal(other);
        return integral != null && decimal.precision() < integral.precision() && decimal.scale() == 0;
    }

    private static DecimalType integralAsDecimal(DataType type) {
        if (type instanceof ByteType) {
            return new DecimalType(3, 0);
        } else if (type instanceof ShortType) {
            return new DecimalType(5, 0);
        } else if (type instanceof IntegerType) {
            return new DecimalType(10, 0);
        } else if (type instanceof LongType) {
            return new DecimalType(20, 0);
        }
        return null;
    }

    private static boolean isIntegral(DataType type) {
        return integralAsDecimal(type) != null;
    }
}
