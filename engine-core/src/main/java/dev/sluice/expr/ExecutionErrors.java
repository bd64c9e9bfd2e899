package dev.sluice.expr;

import dev.sluice.sql.SluiceException;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DateType;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.LongType;
import dev.sluice.sql.types.ShortType;
import dev.sluice.sql.types.ByteType;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.TimestampType;
import java.time.ZoneOffset;

/**
 * Factories for the runtime errors raised while evaluating expressions (casts, parsing, collection
 * access), with Spark 4's error classes, texts and SQLSTATEs. Stateless and thread-safe.
 */
public final class ExecutionErrors {
    private ExecutionErrors() {
    }

    /** {@code CAST_INVALID_INPUT}: a string that does not parse as the target type (SQLSTATE 22018). */
    public static SluiceException castInvalidInput(Object value, DataType from, DataType to) {
        return new SluiceException("CAST_INVALID_INPUT", "The value " + toSqlValue(value, from) + " of the type "
                + quoteType(from) + " cannot be cast to " + quoteType(to) + " because it is malformed. Correct the"
                + " value as per the syntax, or change its target type. Use `try_cast` to tolerate malformed input"
                + " and return NULL instead.", "22018", null);
    }

    /** {@code CAST_OVERFLOW}: a value outside the range of the target type (SQLSTATE 22003). */
    public static SluiceException castOverflow(Object value, DataType from, DataType to) {
        return new SluiceException("CAST_OVERFLOW", "The value " + toSqlValue(value, from) + " of the type "
                + quoteType(from) + " cannot be cast to " + quoteType(to) + " due to an overflow. Use `try_cast`"
                + " to tolerate overflow and return NULL instead.", "22003", null);
    }

    /** {@code CANNOT_PARSE_TIMESTAMP}: a string that does not match a datetime pattern (SQLSTATE 22007). */
    public static SluiceException cannotParseTimestamp(String parserMessage, String tryFunction) {
        return new SluiceException("CANNOT_PARSE_TIMESTAMP", parserMessage + ". Use `" + tryFunction
                + "` to tolerate invalid input string and return NULL instead.", "22007", null);
    }

    /** {@code INVALID_ARRAY_INDEX_IN_ELEMENT_AT}: {@code element_at} beyond the array (SQLSTATE 22003). */
    public static SluiceException invalidElementAtIndex(int index, int size) {
        return new SluiceException("INVALID_ARRAY_INDEX_IN_ELEMENT_AT", "The index " + index
                + " is out of bounds. The array has " + size + " elements. Use `try_element_at` to tolerate"
                + " accessing element at invalid index and return NULL instead. If necessary set"
                + " \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.", "22003", null);
    }

    /** {@code INVALID_INDEX_OF_ZERO}: {@code element_at(array, 0)} (SQLSTATE 22003). */
    public static SluiceException indexOfZero() {
        return new SluiceException("INVALID_INDEX_OF_ZERO", "The index 0 is invalid. An index shall be either < 0"
                + " or > 0 (the first element has index 1).", "22003", null);
    }

    /** {@code INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX} for {@code regexp_extract} (SQLSTATE 22023). */
    public static SluiceException regexGroupIndex(String function, int groupCount, int index) {
        return new SluiceException("INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX", "The value of parameter(s) `idx` in `"
                + function + "` is invalid: Expects group index between 0 and " + groupCount + ", but got " + index
                + ".", "22023", null);
    }

    /** Spark's {@code DATETIME_OVERFLOW} (SQLSTATE 22008), e.g. {@code add 2147483647 DAY to DATE '2024-01-01'}. */
    public static SluiceException datetimeOverflow(String operation) {
        return new SluiceException("DATETIME_OVERFLOW", "Datetime operation overflow: " + operation + ".", "22008",
                null);
    }

    /**
     * Spark's {@code INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION} (SQLSTATE 42K0B): a datetime
     * pattern Spark 2's formatter accepted but Spark 3+ refuses, such as {@code GGGGG} or more than six {@code y}.
     */
    public static SluiceException datetimePatternRecognition(String pattern) {
        return new SluiceException("INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION", "You may get a"
                + " different result due to the upgrading to Spark >= 3.0:\nFail to recognize "
                + toSqlValue(pattern, dev.sluice.sql.types.DataTypes.StringType) + " pattern in the DateTimeFormatter."
                + "\n1) You can set \"spark.sql.legacy.timeParserPolicy\" to \"LEGACY\" to restore the behavior before"
                + " Spark 3.0.\n2) You can form a valid datetime pattern with the guide from"
                + " 'https://spark.apache.org/docs/latest/sql-ref-datetime-pattern.html'.", "42K0B", null);
    }

    /** {@code INVALID_PARAMETER_VALUE.PATTERN} for a malformed regular expression (SQLSTATE 22023). */
    public static SluiceException invalidRegex(String function, String pattern) {
        return new SluiceException("INVALID_PARAMETER_VALUE.PATTERN", "The value of parameter(s) `regexp` in `"
                + function + "` is invalid: '" + pattern + "'.", "22023", null);
    }

    /** Spark's {@code toSQLValue}: how a value is quoted inside an error message. */
    public static String toSqlValue(Object value, DataType type) {
        if (value == null) {
            return "NULL";
        }
        if (type instanceof StringType) {
            return "'" + value.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (type instanceof LongType) {
            return value + "L";
        }
        if (type instanceof ShortType) {
            return value + "S";
        }
        if (type instanceof ByteType) {
            return value + "Y";
        }
        if (type instanceof DoubleType) {
            double d = ((Number) value).doubleValue();
            return Double.isNaN(d) || Double.isInfinite(d) ? Double.toString(d) : d + "D";
        }
        if (type instanceof FloatType) {
            return value.toString();
        }
        if (type instanceof DecimalType) {
            return ((java.math.BigDecimal) value).toPlainString() + "BD";
        }
        if (type instanceof DateType) {
            return "DATE '" + ValueRendering.render(value, type) + "'";
        }
        if (type instanceof TimestampType) {
            return "TIMESTAMP '" + ValueRendering.render(value, type, ZoneOffset.UTC) + "'";
        }
        return ValueRendering.render(value, type);
    }

    /** A type name as Spark quotes it in messages: {@code "INT"}. */
    public static String quoteType(DataType type) {
        return "\"" + type.sql() + "\"";
    }
}
