package dev.sluice.connectors.file;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * Allocation-free reading of the one timestamp shape that dominates machine-written files,
 * {@code yyyy-MM-dd[T| ]HH:mm:ss[.fraction][Z]} (what {@code Instant.toString()} and Spark's JSON writer produce),
 * into microseconds since the epoch. It answers exactly as Spark's lenient parsing
 * ({@link dev.sluice.spi.ValueText#parseTimestamp}) does for that shape, without building {@code java.time} objects
 * per value: every field has its exact width and range, the fraction is truncated to microseconds, a missing zone
 * means the default zone, which must then have a fixed offset. Any other text (one-digit fields, other zones,
 * white space, out-of-range fields) returns {@link #NOT_HANDLED}, and the caller takes the general path, which
 * decides whether it is valid. Stateless and thread-safe.
 */
final class IsoTimestamps {
    /** The text is not of the handled shape: parse it the general way. */
    static final long NOT_HANDLED = Long.MIN_VALUE;
    /** For {@link #parse}: the default zone is not a fixed offset, so zone-less text is not handled. */
    static final int NO_FIXED_OFFSET = Integer.MIN_VALUE;

    private IsoTimestamps() {
    }

    /** The offset in seconds of {@code zone} when it never changes ({@code UTC}, {@code +02:00}), else {@link #NO_FIXED_OFFSET}. */
    static int fixedOffsetSeconds(ZoneId zone) {
        if (zone instanceof ZoneOffset offset) {
            return offset.getTotalSeconds();
        }
        ZoneRules rules = zone.getRules();
        return rules.isFixedOffset() ? rules.getOffset(java.time.Instant.EPOCH).getTotalSeconds() : NO_FIXED_OFFSET;
    }

    /**
     * Microseconds since the epoch of {@code chars[offset, offset + length)}, or {@link #NOT_HANDLED}.
     *
     * @param defaultOffsetSeconds the offset of zone-less text, or {@link #NO_FIXED_OFFSET}
     */
    static long parse(char[] chars, int offset, int length, int defaultOffsetSeconds) {
        if (length < 19) {
            return NOT_HANDLED;
        }
        int p = offset;
        int year = digits(chars, p, 4);
        int month = digits(chars, p + 5, 2);
        int day = digits(chars, p + 8, 2);
        char separator = chars[p + 10];
        int hour = digits(chars, p + 11, 2);
        int minute = digits(chars, p + 14, 2);
        int second = digits(chars, p + 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || chars[p + 4] != '-' || chars[p + 7] != '-'
                || (separator != 'T' && separator != ' ') || chars[p + 13] != ':' || chars[p + 16] != ':'
                || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23
                || minute > 59 || second > 59) {
            return NOT_HANDLED;
        }
        int end = offset + length;
        p += 19;
        long micros = 0;
        if (p < end && chars[p] == '.') {
            p++;
            int start = p;
            while (p < end && chars[p] >= '0' && chars[p] <= '9') {
                if (p - start < 6) {
                    micros = micros * 10 + (chars[p] - '0');
                }
                p++;
            }
            int count = p - start;
            if (count == 0) {
                return NOT_HANDLED;
            }
            for (int i = count; i < 6; i++) {
                micros *= 10;
            }
        }
        int offsetSeconds;
        if (p == end) {
            if (defaultOffsetSeconds == NO_FIXED_OFFSET) {
                return NOT_HANDLED;
            }
            offsetSeconds = defaultOffsetSeconds;
        } else if (p == end - 1 && chars[p] == 'Z') {
            offsetSeconds = 0;
        } else {
            return NOT_HANDLED;
        }
        long seconds = epochDay(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second - offsetSeconds;
        return seconds * 1_000_000L + micros;
    }

    /** The value of {@code count} ASCII digits at {@code at}, or -1. */
    private static int digits(char[] chars, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            int d = chars[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (year 0-9999), as {@code LocalDate.toEpochDay}. */
    static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }
}
