package dev.sluice.expr;

import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.BinaryType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DateType;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.StructType;
import dev.sluice.sql.types.TimestampType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Spark's text form of values: what {@code CAST(x AS STRING)} produces and what {@code show()} prints.
 *
 * <p>Values are in the internal form of {@link dev.sluice.batch.ColumnVector}. Doubles and floats print as
 * Java's {@code toString} ({@code 1.2345678E7}), decimals in plain notation with their scale ({@code 3.10}),
 * dates as {@code yyyy-MM-dd}, timestamps as {@code yyyy-MM-dd HH:mm:ss[.ffffff]} in the given zone with
 * trailing zeros of the fraction removed, arrays as {@code [1, 2]}, structs as {@code {a, b}}, maps as
 * {@code {k -> v}}. Two styles differ only in details: the cast style prints nested nulls as {@code null}
 * and binary as its UTF-8 text; the show style ({@link #renderForShow}) prints nulls as {@code NULL} and
 * binary as hex bytes {@code [01 02 0A]}. Stateless and thread-safe.
 */
public final class ValueRendering {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ValueRendering() {
    }

    /** Cast-style text of a value with timestamps in UTC; {@code null} renders as {@code null}. */
    public static String render(Object internalValue, DataType type) {
        return render(internalValue, type, ZoneOffset.UTC);
    }

    /** Cast-style text of a value with timestamps in {@code zone}; {@code null} renders as {@code null}. */
    public static String render(Object internalValue, DataType type, ZoneId zone) {
        StringBuilder sb = new StringBuilder();
        append(sb, internalValue, type, zone, false);
        return sb.toString();
    }

    /** Show-style text ({@code Dataset.show()}): nulls as {@code NULL}, binary as hex bytes. */
    public static String renderForShow(Object internalValue, DataType type, ZoneId zone) {
        StringBuilder sb = new StringBuilder();
        append(sb, internalValue, type, zone, true);
        return sb.toString();
    }

    /** {@code yyyy-MM-dd} of a day count since 1970-01-01. */
    public static String formatDate(int daysSinceEpoch) {
        StringBuilder sb = new StringBuilder(10);
        appendDate(sb, LocalDate.ofEpochDay(daysSinceEpoch));
        return sb.toString();
    }

    /** {@code yyyy-MM-dd HH:mm:ss[.ffffff]} of microseconds since the epoch, as wall time in {@code zone}. */
    public static String formatTimestamp(long micros, ZoneId zone) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int microsOfSecond = (int) Math.floorMod(micros, 1_000_000L);
        ZoneOffset offset = zone instanceof ZoneOffset fixed ? fixed : zone.getRules().getOffset(Instant.ofEpochSecond(seconds));
        LocalDateTime local = LocalDateTime.ofEpochSecond(seconds, 0, offset);
        StringBuilder sb = new StringBuilder(26);
        appendDate(sb, local.toLocalDate());
        sb.append(' ');
        twoDigits(sb, local.getHour()).append(':');
        twoDigits(sb, local.getMinute()).append(':');
        twoDigits(sb, local.getSecond());
        if (microsOfSecond != 0) {
            String fraction = Integer.toString(1_000_000 + microsOfSecond).substring(1);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(fraction, 0, end);
        }
        return sb.toString();
    }

    /** Bytes as {@code [01 02 0A]}. */
    public static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 3 + 2).append('[');
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(HEX[(bytes[i] >> 4) & 0xF]).append(HEX[bytes[i] & 0xF]);
        }
        return sb.append(']').toString();
    }

    private static void appendDate(StringBuilder sb, LocalDate date) {
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            sb.append(date);
            return;
        }
        String y = Integer.toString(year);
        for (int i = y.length(); i < 4; i++) {
            sb.append('0');
        }
        sb.append(y).append('-');
        twoDigits(sb, date.getMonthValue()).append('-');
        twoDigits(sb, date.getDayOfMonth());
    }

    private static StringBuilder twoDigits(StringBuilder sb, int value) {
        if (value < 10) {
            sb.append('0');
        }
        return sb.append(value);
    }

    private static void append(StringBuilder sb, Object value, DataType type, ZoneId zone, boolean show) {
        if (value == null) {
            sb.append(show ? "NULL" : "null");
        } else if (type instanceof StringType) {
            sb.append((String) value);
        } else if (type instanceof DateType) {
            sb.append(formatDate((Integer) value));
        } else if (type instanceof TimestampType) {
            sb.append(formatTimestamp((Long) value, zone));
        } else if (type instanceof dev.sluice.sql.types.TimestampNTZType) {
            sb.append(formatTimestamp((Long) value, ZoneOffset.UTC)); // a wall-clock time: no zone applies
        } else if (type instanceof dev.sluice.sql.types.DayTimeIntervalType dt) {
            sb.append(AnsiIntervals.format((Long) value, dt));
        } else if (type instanceof dev.sluice.sql.types.YearMonthIntervalType ym) {
            sb.append(AnsiIntervals.format((Integer) value, ym));
        } else if (type instanceof DecimalType) {
            sb.append(((BigDecimal) value).toPlainString());
        } else if (type instanceof BinaryType) {
            byte[] bytes = (byte[]) value;
            sb.append(show ? hex(bytes) : new String(bytes, StandardCharsets.UTF_8));
        } else if (type instanceof ArrayType array) {
            sb.append('[');
            appendElements(sb, (List<?>) value, array.elementType(), zone, show);
            sb.append(']');
        } else if (type instanceof StructType struct) {
            sb.append('{');
            List<?> fields = (List<?>) value;
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                append(sb, fields.get(i), struct.apply(i).dataType(), zone, show);
            }
            sb.append('}');
        } else if (type instanceof MapType map) {
            sb.append('{');
            Iterator<? extends Map.Entry<?, ?>> entries = ((Map<?, ?>) value).entrySet().iterator();
            boolean first = true;
            while (entries.hasNext()) {
                Map.Entry<?, ?> entry = entries.next();
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                append(sb, entry.getKey(), map.keyType(), zone, show);
                sb.append(" -> ");
                append(sb, entry.getValue(), map.valueType(), zone, show);
            }
            sb.append('}');
        } else {
            sb.append(value);
        }
    }

    private static void appendElements(StringBuilder sb, List<?> values, DataType elementType, ZoneId zone, boolean show) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            append(sb, values.get(i), elementType, zone, show);
        }
    }
}
