package dev.sluice.expr.scalar;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;

/**
 * Spark's datetime patterns ({@code yyyy-MM-dd HH:mm:ss.SSS}, {@code XXX}, ...) on top of
 * {@link DateTimeFormatter}: parsing is case-insensitive and strict (no Feb 30), missing fields default to
 * 1970-01-01 00:00:00, and text without a zone is read in the session time zone. Stateless and thread-safe.
 */
public final class DateTimePatterns {
    /** The pattern of {@code unix_timestamp} and {@code from_unixtime} when none is given. */
    static final String DEFAULT_PATTERN = "yyyy-MM-dd HH:mm:ss";

    private DateTimePatterns() {
    }

    /** A formatter for a Spark pattern; {@code y} is read as the proleptic year, as Spark does. */
    public static DateTimeFormatter formatter(String pattern) {
        StringBuilder converted = new StringBuilder(pattern.length());
        boolean quoted = false;
        int run = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            run = !quoted && i > 0 && pattern.charAt(i - 1) == c ? run + 1 : 1;
            if (!quoted && run > maxRun(c)) {
                throw dev.sluice.expr.ExecutionErrors.datetimePatternRecognition(pattern);
            }
            converted.append(!quoted && c == 'y' ? 'u' : c);
        }
        try {
            return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(converted.toString())
                    .toFormatter(Locale.US).withResolverStyle(ResolverStyle.STRICT);
        } catch (IllegalArgumentException e) {
            throw new dev.sluice.sql.SluiceException("INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER",
                    "Unrecognized datetime pattern: " + pattern + ".", "22007", e);
        }
    }

    /**
     * The longest run of a letter Spark 3+ accepts where Spark 2 accepted more: narrow text forms
     * ({@code GGGGG}, {@code MMMMM}, {@code LLLLL}, {@code EEEEE}) and years of more than six digits
     * (which java.time cannot print: it fails with an index error past ten).
     */
    private static int maxRun(char c) {
        return switch (c) {
            case 'G', 'M', 'L', 'E' -> 4;
            case 'y', 'Y' -> 6;
            default -> Integer.MAX_VALUE;
        };
    }

    /**
     * Parses {@code text} to microseconds since the epoch.
     *
     * @throws DateTimeException (a {@link java.time.format.DateTimeParseException} for malformed text) when the
     *     text does not match or names an invalid date
     */
    public static long parse(String text, DateTimeFormatter formatter, ZoneId defaultZone) {
        TemporalAccessor parsed = formatter.parse(text);
        LocalDate date = parsed.query(TemporalQueries.localDate());
        if (date == null) {
            date = LocalDate.of(field(parsed, ChronoField.YEAR, 1970), field(parsed, ChronoField.MONTH_OF_YEAR, 1),
                    field(parsed, ChronoField.DAY_OF_MONTH, 1));
        }
        LocalTime time = parsed.query(TemporalQueries.localTime());
        if (time == null) {
            int hour = parsed.isSupported(ChronoField.HOUR_OF_DAY) ? parsed.get(ChronoField.HOUR_OF_DAY)
                    : field(parsed, ChronoField.HOUR_OF_AMPM, 0) + 12 * field(parsed, ChronoField.AMPM_OF_DAY, 0);
            time = LocalTime.of(hour, field(parsed, ChronoField.MINUTE_OF_HOUR, 0),
                    field(parsed, ChronoField.SECOND_OF_MINUTE, 0), field(parsed, ChronoField.NANO_OF_SECOND, 0));
        }
        ZoneId zone = parsed.query(TemporalQueries.zone());
        java.time.Instant instant = LocalDateTime.of(date, time).atZone(zone == null ? defaultZone : zone).toInstant();
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
    }

    private static int field(TemporalAccessor parsed, ChronoField field, int defaultValue) {
        return parsed.isSupported(field) ? parsed.get(field) : defaultValue;
    }

    /** Formats microseconds since the epoch as wall time in {@code zone}. */
    public static String format(long micros, DateTimeFormatter formatter, ZoneId zone) {
        java.time.Instant instant = java.time.Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1000L);
        return formatter.format(instant.atZone(zone));
    }

    /** Local seconds of the day of {@code micros} in {@code zone}. */
    static int secondOfDay(long micros, ZoneId zone) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        ZoneOffset offset = zone instanceof ZoneOffset fixed ? fixed
                : zone.getRules().getOffset(java.time.Instant.ofEpochSecond(seconds));
        return (int) Math.floorMod(seconds + offset.getTotalSeconds(), 86_400L);
    }
}
