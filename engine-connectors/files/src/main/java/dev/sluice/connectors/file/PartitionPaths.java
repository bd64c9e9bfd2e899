package dev.sluice.connectors.file;

import dev.sluice.batch.ColumnVector;
import dev.sluice.spi.ValueText;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DecimalType;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hive-style partition directories as Spark writes and discovers them: {@code col=value}, the value
 * rendered as {@code CAST(value AS STRING)} (session time zone), with Spark's path escaping ({@code %XX}
 * for control characters and <code>"#%'*\/:=?\\&#123;[]^</code> and DEL) and {@code __HIVE_DEFAULT_PARTITION__} for null
 * or empty values. Discovery infers a column's type from all its values as Spark does: int, long, decimal
 * (integers too big for a long), double, date ({@code yyyy-MM-dd}), timestamp, else string. Stateless.
 */
public final class PartitionPaths {
    /** The directory value of a null (or empty) partition value. */
    public static final String DEFAULT_PARTITION_NAME = "__HIVE_DEFAULT_PARTITION__";
    private static final String SPECIAL = "\"#%'*/:=?\\\u007F{[]^";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PartitionPaths() {
    }

    /** Spark's {@code escapePathName}. */
    public static String escape(String value) {
        StringBuilder sb = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || SPECIAL.indexOf(c) >= 0) {
                if (sb == null) {
                    sb = new StringBuilder(value.length() + 8).append(value, 0, i);
                }
                sb.append('%').append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? value : sb.toString();
    }

    /** Spark's {@code unescapePathName}: {@code %XX} sequences back to characters. */
    public static String unescape(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length()
                    && Character.digit(value.charAt(i + 1), 16) >= 0 && Character.digit(value.charAt(i + 2), 16) >= 0) {
                sb.append((char) Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The directory name {@code column=value} of a value in internal form (null for the default partition). */
    public static String directory(String column, Object value, DataType type, ZoneId zone) {
        String text = value == null ? null : ValueText.render(value, type, zone);
        return escape(column) + "=" + (text == null || text.isEmpty() ? DEFAULT_PARTITION_NAME : escape(text));
    }

    /**
     * The partition columns and raw values of the {@code col=value} directory names of a relative path
     * (outermost first), in order; values are unescaped, the default partition is null. Other names are
     * ignored.
     */
    public static Map<String, String> parse(List<String> relativeDirectories) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : relativeDirectories) {
            int eq = name.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String raw = name.substring(eq + 1);
            values.put(unescape(name.substring(0, eq)), raw.equals(DEFAULT_PARTITION_NAME) ? null : unescape(raw));
        }
        return values;
    }

    /** The type Spark infers for a partition column with these raw values (nulls ignored; none left: string). */
    public static DataType inferType(Collection<String> values, ZoneId zone) {
        TemporalFormats temporal = TemporalFormats.of(FormatOptions.of(Map.of(), zone));
        DataType result = DataTypes.NullType;
        for (String value : values) {
            if (value != null) {
                result = InferredTypes.merge(result, inferValue(value, temporal));
            }
        }
        return InferredTypes.canonicalize(result);
    }

    private static DataType inferValue(String value, TemporalFormats temporal) {
        try {
            Integer.parseInt(value);
            return DataTypes.IntegerType;
        } catch (NumberFormatException e) {
            // next
        }
        try {
            Long.parseLong(value);
            return DataTypes.LongType;
        } catch (NumberFormatException e) {
            // next
        }
        try {
            BigDecimal decimal = new BigDecimal(value);
            if (decimal.scale() <= 0 && decimal.precision() <= DecimalType.MAX_PRECISION) {
                return new DecimalType(decimal.precision(), 0);
            }
            Double.parseDouble(value);
            return DataTypes.DoubleType;
        } catch (NumberFormatException e) {
            // next
        }
        if (temporal.isStrictDate(value)) {
            return DataTypes.DateType;
        }
        if (temporal.parseTimestamp(value) != TemporalFormats.INVALID_TIMESTAMP) {
            return DataTypes.TimestampType;
        }
        return DataTypes.StringType;
    }

    /** A vector of {@code rows} copies of the raw partition value converted to {@code type} (null stays null). */
    public static ColumnVector constant(String raw, DataType type, int rows, ZoneId zone) {
        ColumnVector out = ColumnVector.allocate(type, rows);
        if (raw == null) {
            for (int i = 0; i < rows; i++) {
                out.appendNull();
            }
            return out;
        }
        // parsed once, then copied: the text is the same for every row of a file
        ColumnVector parsed = ColumnVector.allocate(type, 1);
        TextValueParser.forType(type, TemporalFormats.of(FormatOptions.of(Map.of(), zone)), "partition")
                .append(raw, parsed);
        for (int i = 0; i < rows; i++) {
            out.appendFrom(parsed, 0);
        }
        return out;
    }
}
