package dev.sluice.expr;

import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.DoubleVector;
import dev.sluice.batch.IntVector;
import dev.sluice.batch.LongVector;
import dev.sluice.batch.StringVector;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.BinaryType;
import dev.sluice.sql.types.BooleanType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.StructType;
import java.math.BigDecimal;
import java.util.List;

/**
 * Spark's total order on non-null values of one type: numbers by value (NaN greatest, -0.0 equal to 0.0),
 * strings by UTF-8 bytes (equivalently by code points: upper case before lower case), binary unsigned
 * lexicographic, booleans false &lt; true, structs field by field, arrays element by element then length.
 * Stateless and thread-safe.
 */
public final class ValueOrdering {
    private ValueOrdering() {
    }

    /** Compares non-null slots {@code a[i]} and {@code b[j]} of vectors of the same type. */
    public static int compare(ColumnVector a, int i, ColumnVector b, int j) {
        if (a instanceof LongVector la) {
            return Long.compare(la.values()[i], ((LongVector) b).values()[j]);
        }
        if (a instanceof IntVector ia) {
            return Integer.compare(ia.values()[i], ((IntVector) b).values()[j]);
        }
        if (a instanceof DoubleVector da) {
            return compareDouble(da.values()[i], ((DoubleVector) b).values()[j]);
        }
        if (a instanceof StringVector) {
            return compareStrings(a.getString(i), b.getString(j));
        }
        return compareObjects(a.getObject(i), b.getObject(j), a.type());
    }

    /** Doubles with NaN above everything and -0.0 == 0.0. */
    public static int compareDouble(double x, double y) {
        if (x < y) {
            return -1;
        }
        if (x > y) {
            return 1;
        }
        if (x == y) {
            return 0;
        }
        return Boolean.compare(Double.isNaN(x), Double.isNaN(y));
    }

    /** Strings in UTF-8 byte order (same as code point order). */
    public static int compareStrings(String x, String y) {
        int n = Math.min(x.length(), y.length());
        for (int k = 0; k < n; k++) {
            char cx = x.charAt(k);
            char cy = y.charAt(k);
            if (cx != cy) {
                boolean sx = Character.isSurrogate(cx);
                boolean sy = Character.isSurrogate(cy);
                if (sx != sy) {
                    // A surrogate encodes a code point above U+FFFF: larger than any BMP char.
                    return sx ? 1 : -1;
                }
                return cx - cy;
            }
        }
        return x.length() - y.length();
    }

    /** Compares two non-null internal values of {@code type}; nulls inside nested values sort first. */
    @SuppressWarnings("unchecked")
    public static int compareObjects(Object x, Object y, DataType type) {
        if (x == null || y == null) {
            return x == null ? (y == null ? 0 : -1) : 1;
        }
        if (type instanceof StringType) {
            return compareStrings((String) x, (String) y);
        }
        if (type instanceof DoubleType) {
            return compareDouble((Double) x, (Double) y);
        }
        if (type instanceof FloatType) {
            return compareDouble((Float) x, (Float) y);
        }
        if (type instanceof DecimalType) {
            return ((BigDecimal) x).compareTo((BigDecimal) y);
        }
        if (type instanceof BooleanType) {
            return Boolean.compare((Boolean) x, (Boolean) y);
        }
        if (type instanceof BinaryType) {
            return java.util.Arrays.compareUnsigned((byte[]) x, (byte[]) y);
        }
        if (type instanceof StructType s) {
            List<Object> a = (List<Object>) x;
            List<Object> b = (List<Object>) y;
            for (int k = 0; k < s.length(); k++) {
                int c = compareObjects(a.get(k), b.get(k), s.apply(k).dataType());
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
        if (type instanceof ArrayType t) {
            List<Object> a = (List<Object>) x;
            List<Object> b = (List<Object>) y;
            for (int k = 0; k < Math.min(a.size(), b.size()); k++) {
                int c = compareObjects(a.get(k), b.get(k), t.elementType());
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a.size(), b.size());
        }
        if (x instanceof Comparable<?> c) {
            return ((Comparable<Object>) c).compareTo(y);
        }
        throw new UnsupportedOperationException("values of type " + type.simpleString() + " are not orderable");
    }

    /** True when values of this type can be ordered (maps cannot). */
    public static boolean isOrderable(DataType type) {
        // CalendarInterval: 1 month vs 30 days has no order (Spark refuses to sort or compare intervals)
        if (type instanceof dev.sluice.sql.types.MapType || type instanceof dev.sluice.sql.types.CalendarIntervalType) {
            return false;
        }
        if (type instanceof StructType s) {
            for (var f : s) {
                if (!isOrderable(f.dataType())) {
                    return false;
                }
            }
        }
        if (type instanceof ArrayType a) {
            return isOrderable(a.elementType());
        }
        return true;
    }
}
