package dev.sluice.connectors.file;

import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DateType;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.IntegerType;
import dev.sluice.sql.types.LongType;
import dev.sluice.sql.types.NullType;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import dev.sluice.sql.types.TimestampType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How schema inference widens the types seen in different records to one type, as Spark's JSON and CSV
 * inference do: int and long widen to long, integral and double to double, integral and decimal to a
 * decimal wide enough, date and timestamp to timestamp, structs merge their fields (sorted by name), arrays
 * merge their elements, anything else becomes string; NullType (only nulls seen) yields to the other side
 * and becomes string at the end ({@link #canonicalize}). Stateless.
 */
public final class InferredTypes {
    private static final int MAX_PRECISION = 38;

    private InferredTypes() {
    }

    /** The narrowest type holding values of both {@code a} and {@code b}. */
    public static DataType merge(DataType a, DataType b) {
        if (a.equals(b)) {
            return a;
        }
        if (a instanceof NullType) {
            return b;
        }
        if (b instanceof NullType) {
            return a;
        }
        if (isIntegral(a) && isIntegral(b)) {
            return DataTypes.LongType;
        }
        if (isNumeric(a) && isNumeric(b)) {
            if (a instanceof DoubleType || b instanceof DoubleType) {
                return DataTypes.DoubleType;
            }
            return wider(asDecimal(a), asDecimal(b));
        }
        if ((a instanceof DateType || a instanceof TimestampType) && (b instanceof DateType || b instanceof TimestampType)) {
            return DataTypes.TimestampType;
        }
        if (a instanceof StructType sa && b instanceof StructType sb) {
            return mergeStructs(sa, sb);
        }
        if (a instanceof ArrayType aa && b instanceof ArrayType ab) {
            return new ArrayType(merge(aa.elementType(), ab.elementType()), true);
        }
        return DataTypes.StringType;
    }

    private static boolean isIntegral(DataType t) {
        return t instanceof IntegerType || t instanceof LongType;
    }

    private static boolean isNumeric(DataType t) {
        return isIntegral(t) || t instanceof DoubleType || t instanceof DecimalType;
    }

    private static DecimalType asDecimal(DataType t) {
        if (t instanceof IntegerType) {
            return new DecimalType(10, 0);
        }
        if (t instanceof LongType) {
            return new DecimalType(20, 0);
        }
        return (DecimalType) t;
    }

    private static DataType wider(DecimalType a, DecimalType b) {
        int scale = Math.max(a.scale(), b.scale());
        int integerDigits = Math.max(a.precision() - a.scale(), b.precision() - b.scale());
        if (integerDigits + scale > MAX_PRECISION) {
            return DataTypes.DoubleType;
        }
        return new DecimalType(integerDigits + scale, scale);
    }

    private static StructType mergeStructs(StructType a, StructType b) {
        Map<String, DataType> fields = new TreeMap<>();
        for (StructField f : a) {
            fields.put(f.name(), f.dataType());
        }
        for (StructField f : b) {
            fields.merge(f.name(), f.dataType(), InferredTypes::merge);
        }
        return sortedStruct(fields);
    }

    /** A struct of nullable fields in the (sorted) order of the map. */
    public static StructType sortedStruct(Map<String, DataType> fields) {
        List<StructField> out = new ArrayList<>();
        fields.forEach((name, type) -> out.add(new StructField(name, type, true)));
        return new StructType(out);
    }

    /** The final form of an inferred type: NullType becomes string, inside structs and arrays too. */
    public static DataType canonicalize(DataType type) {
        if (type instanceof NullType) {
            return DataTypes.StringType;
        }
        if (type instanceof ArrayType array) {
            return new ArrayType(canonicalize(array.elementType()), true);
        }
        if (type instanceof StructType struct) {
            List<StructField> out = new ArrayList<>();
            for (StructField f : struct) {
                out.add(new StructField(f.name(), canonicalize(f.dataType()), true));
            }
            return new StructType(out);
        }
        return type;
    }
}
