package dev.sluice.expr;

import dev.sluice.batch.ColumnVector;
import dev.sluice.expr.CastConversions.Mode;
import dev.sluice.sql.types.BinaryType;
import dev.sluice.sql.types.BooleanType;
import dev.sluice.sql.types.ByteType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DateType;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.IntegerType;
import dev.sluice.sql.types.LongType;
import dev.sluice.sql.types.ShortType;
import dev.sluice.sql.types.TimestampType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Locale;

/**
 * Casts strings to numbers, booleans, dates, timestamps and binary with Spark's parsing rules (white space
 * around the value is ignored). Malformed text raises {@code CAST_INVALID_INPUT} in ANSI mode and yields
 * null for try_cast and in legacy mode. Immutable and thread-safe.
 */
final class CastStringParser implements CastConversions.VectorConverter {
    /** Parses one trimmed value and appends it to {@code out}; false when the text is malformed. */
    @FunctionalInterface
    private interface RowParser {
        boolean parseInto(String text, ColumnVector out);
    }

    private final DataType to;
    private final Mode mode;
    private final RowParser parser;

    CastStringParser(DataType to, Mode mode, ZoneId zone) {
        this.to = to;
        this.mode = mode;
        this.parser = parserFor(to, mode, zone);
    }

    @Override
    public ColumnVector convert(ColumnVector input) {
        int size = input.size();
        ColumnVector out = ColumnVector.allocate(to, size);
        for (int i = 0; i < size; i++) {
            if (input.isNull(i)) {
                out.appendNull();
                continue;
            }
            String text = input.getString(i);
            if (!parser.parseInto(text, out)) {
                if (mode == Mode.ANSI) {
                    throw ExecutionErrors.castInvalidInput(text, DataTypes.StringType, to);
                }
                out.appendNull();
            }
        }
        return out;
    }

    private static RowParser parserFor(DataType to, Mode mode, ZoneId zone) {
        boolean legacy = mode == Mode.LEGACY;
        if (to instanceof ByteType || to instanceof ShortType || to instanceof IntegerType) {
            long min = to instanceof ByteType ? Byte.MIN_VALUE : to instanceof ShortType ? Short.MIN_VALUE : Integer.MIN_VALUE;
            long max = to instanceof ByteType ? Byte.MAX_VALUE : to instanceof ShortType ? Short.MAX_VALUE : Integer.MAX_VALUE;
            return (text, out) -> {
                String digits = integralDigits(text.strip(), legacy);
                if (digits == null) {
                    return false;
                }
                try {
                    long value = Long.parseLong(digits);
                    if (value < min || value > max) {
                        return false;
                    }
                    out.appendInt((int) value);
                    return true;
                } catch (NumberFormatException e) {
                    return false;
                }
            };
        }
        if (to instanceof LongType) {
            return (text, out) -> {
                String digits = integralDigits(text.strip(), legacy);
                if (digits == null) {
                    return false;
                }
                try {
                    out.appendLong(Long.parseLong(digits));
                    return true;
                } catch (NumberFormatException e) {
                    return false;
                }
            };
        }
        if (to instanceof DoubleType) {
            return (text, out) -> {
                Double value = parseDouble(text.strip());
                if (value == null) {
                    return false;
                }
                out.appendDouble(value);
                return true;
            };
        }
        if (to instanceof FloatType) {
            return (text, out) -> {
                Double value = parseDouble(text.strip());
                if (value == null) {
                    return false;
                }
                out.appendFloat(value.floatValue());
                return true;
            };
        }
        if (to instanceof DecimalType decimal) {
            return (text, out) -> parseDecimalInto(text.strip(), decimal, mode, out);
        }
        if (to instanceof BooleanType) {
            return (text, out) -> {
                Boolean value = parseBoolean(text.strip());
                if (value == null) {
                    return false;
                }
                out.appendBoolean(value);
                return true;
            };
        }
        if (to instanceof DateType) {
            return (text, out) -> {
                Integer days = TemporalParsing.parseDate(text);
                if (days == null) {
                    return false;
                }
                out.appendInt(days);
                return true;
            };
        }
        if (to instanceof TimestampType) {
            return (text, out) -> {
                Long micros = TemporalParsing.parseTimestamp(text, zone);
                if (micros == null) {
                    return false;
                }
                out.appendLong(micros);
                return true;
            };
        }
        if (to instanceof dev.sluice.sql.types.TimestampNTZType) {
            return (text, out) -> {
                // a wall-clock reading: parsed as if in UTC, so the stored micros are the local date-time's
                Long micros = TemporalParsing.parseTimestamp(text, java.time.ZoneOffset.UTC);
                if (micros == null) {
                    return false;
                }
                out.appendLong(micros);
                return true;
            };
        }
        if (to instanceof dev.sluice.sql.types.DayTimeIntervalType
                || to instanceof dev.sluice.sql.types.YearMonthIntervalType) {
            return (text, out) -> {
                Object value = AnsiIntervals.parse(text, to);
                if (value == null) {
                    return false;
                }
                if (value instanceof Long micros) {
                    out.appendLong(micros);
                } else {
                    out.appendInt((Integer) value);
                }
                return true;
            };
        }
        if (to instanceof BinaryType) {
            return (text, out) -> {
                out.appendObject(text.getBytes(StandardCharsets.UTF_8));
                return true;
            };
        }
        throw new IllegalArgumentException("no cast from string to " + to.simpleString());
    }

    /**
     * The sign and digits of an integral string, or null if malformed. Legacy mode also accepts a fractional
     * part ({@code "1.9"} reads as 1), as Spark does with ANSI off.
     */
    private static String integralDigits(String text, boolean allowFraction) {
        int point = text.indexOf('.');
        String whole = text;
        if (point >= 0) {
            if (!allowFraction) {
                return null;
            }
            for (int i = point + 1; i < text.length(); i++) {
                if (!Character.isDigit(text.charAt(i))) {
                    return null;
                }
            }
            whole = text.substring(0, point);
            if (whole.isEmpty() || whole.equals("-") || whole.equals("+")) {
                whole = whole + "0";
            }
        }
        int start = !whole.isEmpty() && (whole.charAt(0) == '-' || whole.charAt(0) == '+') ? 1 : 0;
        if (whole.length() == start) {
            return null;
        }
        for (int i = start; i < whole.length(); i++) {
            char c = whole.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return whole;
    }

    /** Spark's string to double: Java syntax plus {@code inf}, {@code infinity}, {@code nan} in any case. */
    static Double parseDouble(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            case "nan":
                return Double.NaN;
            default:
                break;
        }
        if (text.isEmpty() || lower.contains("n") || lower.contains("x")) {
            return null;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code t, true, y, yes, 1} and {@code f, false, n, no, 0}, case-insensitive; null otherwise. */
    static Boolean parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "t", "true", "y", "yes", "1" -> Boolean.TRUE;
            case "f", "false", "n", "no", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static boolean parseDecimalInto(String text, DecimalType type, Mode mode, ColumnVector out) {
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            return false;
        }
        BigDecimal fitted = CastNumericConverter.fitDecimal(value, type);
        if (fitted == null) {
            if (mode == Mode.ANSI) {
                throw ArithmeticErrors.decimalOutOfRange(value, type.precision(), type.scale());
            }
            out.appendNull();
            return true;
        }
        out.appendObject(fitted);
        return true;
    }
}
