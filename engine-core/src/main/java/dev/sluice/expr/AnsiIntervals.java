package dev.sluice.expr;

import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DayTimeIntervalType;
import dev.sluice.sql.types.YearMonthIntervalType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spark's ANSI intervals ({@link DayTimeIntervalType} as microseconds, {@link YearMonthIntervalType} as months):
 * their text ({@code INTERVAL '1 02:03:04' DAY TO SECOND}, Spark's {@code IntervalUtils.toDayTimeIntervalString}
 * ANSI style), reading that text back (casts from string), and the Java objects ({@link Duration},
 * {@link Period}) with Spark's conversions. Stateless and thread-safe.
 */
public final class AnsiIntervals {
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
    private static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
    private static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;
    private static final long[] UNIT = {MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND};
    /** {@code INTERVAL '<body>' <qualifier>}, Spark's ANSI literal form. */
    private static final Pattern LITERAL = Pattern.compile(
            "(?i)\\s*INTERVAL\\s+([+-]?)'([^']*)'\\s+([A-Z]+)(?:\\s+TO\\s+([A-Z]+))?\\s*");

    private AnsiIntervals() {
    }

    /** Spark's ANSI text of a day-time interval, e.g. {@code INTERVAL '-1 02:03:04.5' DAY TO SECOND}. */
    public static String format(long micros, DayTimeIntervalType type) {
        int start = type.startField();
        int end = type.endField();
        String from = DayTimeIntervalType.fieldToString((byte) start).toUpperCase(Locale.ROOT);
        String to = DayTimeIntervalType.fieldToString((byte) end).toUpperCase(Locale.ROOT);
        String postfix = "' " + (start == end ? from : from + " TO " + to);
        if (micros == Long.MIN_VALUE) {
            // the magnitude does not fit a long; Spark spells this one value out
            String base = "-106751991 04:00:54.775808000";
            String first = switch (start) {
                case 0 -> "-106751991";
                case 1 -> "-2562047788";
                case 2 -> "-153722867280";
                default -> "-9223372036854.775808";
            };
            String following = start == end ? "" : base.substring(new int[] {10, 13, 16}[start],
                    new int[] {0, 13, 16, 26}[end]);
            return "INTERVAL '" + first + following + postfix;
        }
        StringBuilder sb = new StringBuilder("INTERVAL '");
        long rest = micros;
        if (micros < 0) {
            sb.append('-');
            rest = -rest;
        }
        if (start == 0) {
            sb.append(rest / MICROS_PER_DAY);
            rest %= MICROS_PER_DAY;
        } else if (start < 3) {
            twoDigits(sb, rest / UNIT[start]);
            rest %= UNIT[start];
        } else {
            seconds(sb, rest);
        }
        for (int field = start + 1; field <= end; field++) {
            if (field == 3) {
                sb.append(':');
                seconds(sb, rest);
            } else {
                sb.append(field == 1 ? ' ' : ':');
                twoDigits(sb, rest / UNIT[field]);
                rest %= UNIT[field];
            }
        }
        return sb.append(postfix).toString();
    }

    /** Spark's ANSI text of a year-month interval: {@code INTERVAL '1-2' YEAR TO MONTH}, {@code '14' MONTH}. */
    public static String format(int months, YearMonthIntervalType type) {
        String sign = months < 0 ? "-" : "";
        long abs = Math.abs((long) months);
        String year = sign + abs / 12;
        if (type.startField() != type.endField()) {
            return "INTERVAL '" + year + "-" + abs % 12 + "' YEAR TO MONTH";
        }
        return type.startField() == YearMonthIntervalType.YEAR() ? "INTERVAL '" + year + "' YEAR"
                : "INTERVAL '" + months + "' MONTH";
    }

    private static void twoDigits(StringBuilder sb, long value) {
        if (value < 10) {
            sb.append('0');
        }
        sb.append(value);
    }

    private static void seconds(StringBuilder sb, long micros) {
        if (micros < 10 * MICROS_PER_SECOND) {
            sb.append('0');
        }
        sb.append(BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString());
    }

    /** Spark's {@code durationToMicros}: whole microseconds (excess nanoseconds dropped toward zero). */
    public static long durationToMicros(Duration duration) {
        long seconds = duration.getSeconds();
        long minSeconds = Math.floorDiv(Long.MIN_VALUE, MICROS_PER_SECOND);
        if (seconds == minSeconds) {
            return Math.addExact((minSeconds + 1) * MICROS_PER_SECOND, (duration.getNano() - 1_000_000_000L) / 1000);
        }
        return Math.addExact(Math.multiplyExact(seconds, MICROS_PER_SECOND), duration.getNano() / 1000);
    }

    /** Spark's {@code microsToDuration}. */
    public static Duration microsToDuration(long micros) {
        return Duration.of(micros, ChronoUnit.MICROS);
    }

    /** Spark's {@code periodToMonths}: years * 12 + months; the days of the period are not kept. */
    public static int periodToMonths(Period period) {
        return Math.addExact(Math.multiplyExact(period.getYears(), 12), period.getMonths());
    }

    /** Spark's {@code monthsToPeriod}: normalized years and months, no days. */
    public static Period monthsToPeriod(int months) {
        return Period.ofMonths(months).normalized();
    }

    /** A day-time value truncated to {@code type}'s last field, as a cast between day-time types keeps it. */
    public static long truncate(long micros, DayTimeIntervalType type) {
        return micros - micros % UNIT[type.endField()];
    }

    /** A year-month value truncated to whole years when {@code type} ends with YEAR. */
    public static int truncate(int months, YearMonthIntervalType type) {
        return type.endField() == YearMonthIntervalType.YEAR() ? months - months % 12 : months;
    }

    /**
     * Reads a string as a value of {@code type}: Spark's ANSI literal form ({@code INTERVAL '1 02:03' DAY TO
     * MINUTE}, whose qualifier must be {@code type}'s) or the quoted body alone ({@code 1 02:03}).
     *
     * @return the microseconds (a {@code Long}) or months (an {@code Integer}), or null when the text does not
     *     match {@code type}'s form
     */
    public static Object parse(String text, DataType type) {
        String body = text.trim();
        boolean negate = false;
        Matcher literal = LITERAL.matcher(text);
        if (literal.matches()) {
            String from = literal.group(3).toUpperCase(Locale.ROOT);
            String to = literal.group(4) == null ? from : literal.group(4).toUpperCase(Locale.ROOT);
            if (!qualifier(type).equals(from.equals(to) ? from : from + " TO " + to)) {
                return null;
            }
            negate = literal.group(1).equals("-");
            body = literal.group(2).trim();
        }
        try {
            if (type instanceof YearMonthIntervalType ym) {
                Integer months = parseYearMonth(body, ym);
                return months == null ? null : negate ? Math.negateExact(months) : months;
            }
            Long micros = parseDayTime(body, (DayTimeIntervalType) type);
            return micros == null ? null : negate ? Math.negateExact(micros) : micros;
        } catch (ArithmeticException | NumberFormatException overflow) {
            return null;
        }
    }

    private static String qualifier(DataType type) {
        return type.typeName().substring("interval ".length()).toUpperCase(Locale.ROOT);
    }

    private static Integer parseYearMonth(String body, YearMonthIntervalType type) {
        Matcher m = (type.startField() != type.endField() ? Pattern.compile("([+-]?)(\\d+)-(\\d+)")
                : Pattern.compile("([+-]?)(\\d+)")).matcher(body);
        if (!m.matches()) {
            return null;
        }
        long value;
        if (type.startField() != type.endField()) {
            long months = Long.parseLong(m.group(3));
            if (months > 11) {
                return null;
            }
            value = Math.addExact(Math.multiplyExact(Long.parseLong(m.group(2)), 12L), months);
        } else {
            value = Long.parseLong(m.group(2)) * (type.startField() == YearMonthIntervalType.YEAR() ? 12 : 1);
        }
        return Math.toIntExact(m.group(1).equals("-") ? -value : value);
    }

    private static Long parseDayTime(String body, DayTimeIntervalType type) {
        int start = type.startField();
        int end = type.endField();
        StringBuilder regex = new StringBuilder("([+-]?)");
        for (int field = start; field <= end; field++) {
            if (field > start) {
                regex.append(field == 1 ? " " : ":");
            }
            regex.append(field == 3 ? "(\\d+(?:\\.\\d{1,9})?)" : "(\\d+)");
        }
        Matcher m = Pattern.compile(regex.toString()).matcher(body);
        if (!m.matches()) {
            return null;
        }
        long total = 0;
        for (int field = start; field <= end; field++) {
            String part = m.group(field - start + 2);
            long limit = new long[] {Long.MAX_VALUE, 23, 59, 59}[field];
            if (field == 3) {
                BigDecimal seconds = new BigDecimal(part);
                if (field > start && seconds.compareTo(BigDecimal.valueOf(60)) >= 0) {
                    return null;
                }
                total = Math.addExact(total, seconds.movePointRight(6).longValue());
            } else {
                long value = Long.parseLong(part);
                if (field > start && value > limit) {
                    return null;
                }
                total = Math.addExact(total, Math.multiplyExact(value, UNIT[field]));
            }
        }
        return m.group(1).equals("-") ? -total : total;
    }
}
