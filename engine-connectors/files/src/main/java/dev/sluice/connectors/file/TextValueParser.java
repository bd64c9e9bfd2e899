package dev.sluice.connectors.file;

import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.BinaryType;
import dev.sluice.sql.types.BooleanType;
import dev.sluice.sql.types.ByteType;
import dev.sluice.sql.types.DataType;
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
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Converts the text of one field (a CSV token, a partition directory value) to a value appended to a
 * vector, as Spark's CSV parser does: numbers with Java's parsing, booleans case-insensitive, decimals
 * rounded half-up to the type's scale (overflow is invalid), dates and timestamps with
 * {@link TemporalFormats}. One parser is built per column and reused for every row. Stateless and
 * thread-safe.
 */
@FunctionalInterface
public interface TextValueParser {
    /**
     * Appends the value {@code text} denotes to {@code out}.
     *
     * @return false when {@code text} is not a valid value of the type; null was appended instead
     */
    boolean append(String text, ColumnVector out);

    /**
     * The parser for atomic {@code type}.
     *
     * @param format the format name used in the error for unsupported types
     * @throws AnalysisException ({@code UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE}) for struct, array and map
     */
    static TextValueParser forType(DataType type, TemporalFormats temporal, String format) {
        if (type instanceof StringType) {
            return (text, out) -> {
                out.appendString(text);
                return true;
            };
        }
        if (type instanceof IntegerType || type instanceof ShortType || type instanceof ByteType) {
            long min = type instanceof ByteType ? Byte.MIN_VALUE : type instanceof ShortType ? Short.MIN_VALUE : Integer.MIN_VALUE;
            long max = type instanceof ByteType ? Byte.MAX_VALUE : type instanceof ShortType ? Short.MAX_VALUE : Integer.MAX_VALUE;
            return (text, out) -> {
                try {
                    int value = Integer.parseInt(text);
                    if (value >= min && value <= max) {
                        out.appendInt(value);
                        return true;
                    }
                } catch (NumberFormatException e) {
                    // invalid below
                }
                out.appendNull();
                return false;
            };
        }
        if (type instanceof LongType) {
            return (text, out) -> {
                try {
                    out.appendLong(Long.parseLong(text));
                    return true;
                } catch (NumberFormatException e) {
                    out.appendNull();
                    return false;
                }
            };
        }
        if (type instanceof DoubleType || type instanceof FloatType) {
            boolean isFloat = type instanceof FloatType;
            return (text, out) -> {
                double value;
                try {
                    value = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    value = nonNumeric(text);
                    if (value == 0) {
                        out.appendNull();
                        return false;
                    }
                }
                if (isFloat) {
                    out.appendFloat((float) value);
                } else {
                    out.appendDouble(value);
                }
                return true;
            };
        }
        if (type instanceof BooleanType) {
            return (text, out) -> {
                if (text.equalsIgnoreCase("true")) {
                    out.appendBoolean(true);
                } else if (text.equalsIgnoreCase("false")) {
                    out.appendBoolean(false);
                } else {
                    out.appendNull();
                    return false;
                }
                return true;
            };
        }
        if (type instanceof DecimalType decimal) {
            return (text, out) -> {
                BigDecimal value = decimalOrNull(text, decimal);
                out.appendObject(value);
                return value != null;
            };
        }
        if (type instanceof TimestampType) {
            return (text, out) -> {
                long micros = temporal.parseTimestamp(text);
                if (micros == TemporalFormats.INVALID_TIMESTAMP) {
                    out.appendNull();
                    return false;
                }
                out.appendLong(micros);
                return true;
            };
        }
        if (type instanceof dev.sluice.sql.types.TimestampNTZType) {
            return (text, out) -> {
                long micros = temporal.parseTimestampNtz(text);
                if (micros == TemporalFormats.INVALID_TIMESTAMP) {
                    out.appendNull();
                    return false;
                }
                out.appendLong(micros);
                return true;
            };
        }
        if (type instanceof DateType) {
            return (text, out) -> {
                int days = temporal.parseDate(text);
                if (days == TemporalFormats.INVALID_DATE) {
                    out.appendNull();
                    return false;
                }
                out.appendInt(days);
                return true;
            };
        }
        if (type instanceof BinaryType) {
            return (text, out) -> {
                out.appendObject(text.getBytes(StandardCharsets.UTF_8));
                return true;
            };
        }
        if (type instanceof NullType) {
            return (text, out) -> {
                out.appendNull();
                return true;
            };
        }
        throw unsupported(format, type);
    }

    /** {@code text} as a value of {@code type} (rounded half-up to its scale), or null if invalid or too large. */
    static BigDecimal decimalOrNull(String text, DecimalType type) {
        try {
            BigDecimal value = new BigDecimal(text).setScale(type.scale(), RoundingMode.HALF_UP);
            return value.precision() > type.precision() ? null : value;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** NaN and the infinities as Spark spells them; 0 when {@code text} is none of them. */
    static double nonNumeric(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "Inf", "+Inf", "Infinity", "+Infinity" -> Double.POSITIVE_INFINITY;
            case "-Inf", "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> 0;
        };
    }

    /** {@code UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE} naming the format, the column and its type. */
    static AnalysisException unsupported(String format, String column, DataType type) {
        return new AnalysisException("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE", "The " + format
                + " datasource doesn't support the column `" + column + "` of the type \"" + type.sql() + "\".", "0A000");
    }

    /** Checks that every column of {@code schema} is atomic (not struct, array or map), naming the first that is not. */
    static void checkAtomic(String format, dev.sluice.sql.types.StructType schema) {
        for (dev.sluice.sql.types.StructField field : schema) {
            DataType type = field.dataType();
            if (type instanceof dev.sluice.sql.types.StructType || type instanceof dev.sluice.sql.types.ArrayType
                    || type instanceof dev.sluice.sql.types.MapType) {
                throw unsupported(format, field.name(), type);
            }
        }
    }

    /** {@code UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE} naming the format and type (for nested values). */
    static AnalysisException unsupported(String format, DataType type) {
        return new AnalysisException("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE", "The " + format
                + " datasource doesn't support the column of the type \"" + type.sql() + "\".", "0A000");
    }
}
