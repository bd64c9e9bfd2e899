package dev.sluice.expr;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Spark's lenient parsing of date and timestamp strings, as used by {@code CAST(s AS DATE)},
 * {@code CAST(s AS TIMESTAMP)}, {@code to_timestamp(s)} and JSON timestamp fields.
 *
 * <p>Dates: {@code yyyy}, {@code yyyy-[m]m}, {@code yyyy-[m]m-[d]d}, optionally followed by a space or
 * {@code T} and anything. Timestamps: the date forms, optionally followed by a space or {@code T} and
 * {@code [h]h:[m]m[:[s]s[.fraction]]} and a zone ({@code Z}, {@code +hh[:mm]}, {@code UTC}, a region id);
 * without a zone the wall time is read in the given default zone. Leading and trailing white space is
 * ignored. Fractions beyond microseconds are truncated. Invalid text yields {@code null}, never an
 * exception. Stateless and thread-safe.
 */
public final class TemporalParsing {
    private TemporalParsing() {
    }

    /** Days since the epoch, or null when {@code text} is not a valid date. */
    public static Integer parseDate(String text) {
        String s = text.strip();
        Cursor c = new Cursor(s);
        int[] date = c.readDate();
        if (date == null) {
            return null;
        }
        if (!c.atEnd()) {
            char separator = c.next();
            if (separator != ' ' && separator != 'T') {
                return null;
            }
        }
        try {
            return Math.toIntExact(LocalDate.of(date[0], date[1], date[2]).toEpochDay());
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    /** Microseconds since the epoch, or null when {@code text} is not a valid timestamp. */
    public static Long parseTimestamp(String text, ZoneId defaultZone) {
        String s = text.strip();
        Cursor c = new Cursor(s);
        int[] date = c.readDate();
        if (date == null) {
            return null;
        }
        int hour = 0;
        int minute = 0;
        int second = 0;
        int nanos = 0;
        ZoneId zone = defaultZone;
        if (!c.atEnd()) {
            char separator = c.next();
            if (separator != ' ' && separator != 'T') {
                return null;
            }
            if (!c.atEnd()) {
                hour = c.readNumber(1, 2);
                if (hour < 0 || c.atEnd() || c.next() != ':') {
                    return null;
                }
                minute = c.readNumber(1, 2);
                if (minute < 0) {
                    return null;
                }
                if (!c.atEnd() && c.peek() == ':') {
                    c.next();
                    second = c.readNumber(1, 2);
                    if (second < 0) {
                        return null;
                    }
                    if (!c.atEnd() && c.peek() == '.') {
                        c.next();
                        nanos = c.readFractionNanos();
                        if (nanos < 0) {
                            return null;
                        }
                    }
                }
                if (!c.atEnd()) {
                    zone = parseZone(c.rest().strip());
                    if (zone == null) {
                        return null;
                    }
                }
            }
        }
        try {
            LocalDateTime local = LocalDateTime.of(date[0], date[1], date[2], hour, minute, second, nanos);
            java.time.Instant instant = local.atZone(zone).toInstant();
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    /** A zone such as {@code Z}, {@code +08:00}, {@code -0530}, {@code UTC}, {@code GMT+1} or a region; null if invalid. */
    public static ZoneId parseZone(String text) {
        if (text.isEmpty()) {
            return null;
        }
        if (text.equals("Z")) {
            return ZoneOffset.UTC;
        }
        try {
            char first = text.charAt(0);
            if (first == '+' || first == '-') {
                String digits = text.substring(1).replace(":", "");
                if (digits.length() == 1 || digits.length() == 3) {
                    digits = "0" + digits;
                }
                return ZoneOffset.of(first + digits);
            }
            return ZoneId.of(text, ZoneId.SHORT_IDS);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Reads digits and separators of a trimmed string. */
    private static final class Cursor {
        private final String text;
        private int position;

        Cursor(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return position >= text.length();
        }

        char peek() {
            return text.charAt(position);
        }

        char next() {
            return text.charAt(position++);
        }

        String rest() {
            return text.substring(position);
        }

        /** year, month, day (month and day default to 1), or null. */
        int[] readDate() {
            int sign = 1;
            if (!atEnd() && (peek() == '-' || peek() == '+')) {
                sign = next() == '-' ? -1 : 1;
            }
            int year = readNumber(4, 7);
            if (year < 0) {
                return null;
            }
            int month = 1;
            int day = 1;
            if (!atEnd() && peek() == '-') {
                next();
                month = readNumber(1, 2);
                if (month < 0) {
                    return null;
                }
                if (!atEnd() && peek() == '-') {
                    next();
                    day = readNumber(1, 2);
                    if (day < 0) {
                        return null;
                    }
                }
            }
            return new int[] {sign * year, month, day};
        }

        /** A run of {@code min..max} ASCII digits, or -1. */
        int readNumber(int min, int max) {
            int start = position;
            int value = 0;
            while (!atEnd() && position - start < max && peek() >= '0' && peek() <= '9') {
                value = value * 10 + (next() - '0');
            }
            int count = position - start;
            if (count < min || (!atEnd() && peek() >= '0' && peek() <= '9')) {
                return -1;
            }
            return value;
        }

        /** Digits after the decimal point as nanoseconds truncated to microseconds, or -1. */
        int readFractionNanos() {
            int start = position;
            int micros = 0;
            while (!atEnd() && peek() >= '0' && peek() <= '9') {
                int digit = next() - '0';
                if (position - start <= 6) {
                    micros = micros * 10 + digit;
                }
            }
            int count = position - start;
            if (count == 0) {
                return -1;
            }
            for (int i = count; i < 6; i++) {
                micros *= 10;
            }
            return micros * 1000;
        }
    }
}
