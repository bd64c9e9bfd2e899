package dev.sluice.analysis;

import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.ByteType;
import dev.sluice.sql.types.CalendarIntervalType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DateType;
import dev.sluice.sql.types.DecimalType;
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
 * Spark's up-cast rule ({@code UpCastRule.canUpCast}): the casts an encoder may apply when it reads a column into
 * a field of another type, because they never truncate, lose precision or fail at run time (int to bigint, date
 * to timestamp, anything atomic to string); string to int or bigint to int are not up-casts. Stateless.
 */
public final class UpCast {
    private static final List<DataType> NUMERIC_PRECEDENCE = List.of(DataTypes.ByteType, DataTypes.ShortType,
            DataTypes.IntegerType, DataTypes.LongType, DataTypes.FloatType, DataTypes.DoubleType);

    private UpCast() {
    }

    /** Whether {@code from} can be cast to {@code to} safely. */
    public static boolean canUpCast(DataType from, DataType to) {
        if (from.equals(to) || from instanceof NullType) {
            return true;
        }
        if (to instanceof DecimalType d && (from.isNumeric() || from instanceof DecimalType)) {
            DecimalType f = asDecimal(from);
            return f != null && wider(d, f);
        }
        if (from instanceof DecimalType d) {
            DecimalType t = asDecimal(to);
            return t != null && !(to instanceof DecimalType) && tighter(d, t);
        }
        int f = NUMERIC_PRECEDENCE.indexOf(from);
        int t = NUMERIC_PRECEDENCE.indexOf(to);
        if (f >= 0 && t >= 0) {
            return f < t;
        }
        if (from instanceof DateType && to instanceof TimestampType) {
            return true;
        }
        if (to instanceof StringType) {
            return atomic(from) || from instanceof CalendarIntervalType;
        }
        if (from instanceof TimestampType && to instanceof LongType
                || from instanceof LongType && to instanceof TimestampType) {
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
                if (!canUpCast(a.apply(i).dataType(), b.apply(i).dataType())) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean atomic(DataType t) {
        return !(t instanceof ArrayType || t instanceof MapType || t instanceof StructType
                || t instanceof CalendarIntervalType || t instanceof NullType);
    }

    /** Spark's {@code DecimalType.forType}: the decimal holding every value of an integral type, else null. */
    private static DecimalType asDecimal(DataType t) {
        if (t instanceof DecimalType d) {
            return d;
        }
        if (t instanceof ByteType) {
            return new DecimalType(3, 0);
        }
        if (t instanceof ShortType) {
            return new DecimalType(5, 0);
        }
        if (t instanceof IntegerType) {
            return new DecimalType(10, 0);
        }
        if (t instanceof LongType) {
            return new DecimalType(20, 0);
        }
        return null; // float and double are not exact: no decimal is wider than them
    }

    private static boolean wider(DecimalType to, DecimalType from) {
        return to.precision() - to.scale() >= from.precision() - from.scale() && to.scale() >= from.scale();
    }

    private static boolean tighter(DecimalType from, DecimalType to) {
        return from.precision() - from.scale() <= to.precision() - to.scale() && from.scale() <= to.scale();
    }
}
