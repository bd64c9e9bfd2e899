package dev.sluice.connectors.file;

import dev.sluice.spi.ValueText;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The {@code dateFormat}/{@code timestampFormat} options of CSV and JSON. Without a pattern, reading is
 * Spark's lenient parsing ({@code CAST} rules, {@link dev.sluice.spi.ValueText#parseTimestamp}); with one, the text must match the
 * pattern. Writing uses the pattern, or Spark's defaults {@code yyyy-MM-dd} and
 * {@code yyyy-MM-dd'T'HH:mm:ss.SSSXXX}, in the {@code timeZone} option or session time zone. Immutable and
 * thread-safe.
 */
public final class TemporalFormats {
    /** Returned by {@link #parseTimestamp} for text that is not a timestamp. */
    public static final long INVALID_TIMESTAMP = Long.MIN_VALUE;
    /** Returned by {@link #parseDate} for text that is not a date. */
    public static final int INVALID_DATE = Integer.MIN_VALUE;

    private static final String DEFAULT_TIMESTAMP_PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";
    private static final String DEFAULT_DATE_PATTERN = "yyyy-MM-dd";
    /** Spark's default {@code timestampNTZFormat}: the zone-less form of the timestamp default. */
    private static final String DEFAULT_TIMESTAMP_NTZ_PATTERN = "yyyy-MM-dd'T'HH:mm:ss[.SSS]";

    private final ZoneId zone;
    private final DateTimeFormatter timestampRead;
    private final DateTimeFormatter dateRead;
    private final DateTimeFormatter timestampWrite;
    private final DateTimeFormatter dateWrite;
    private final DateTimeFormatter ntzRead;
    private final DateTimeFormatter ntzWrite;
    /** The zone's offset when it is fixed, for {@link IsoTimestamps}. */
    private final int fixedOffsetSeconds;

    private TemporalFormats(ZoneId zone, String timestampPattern, String datePattern, String ntzPattern) {
        this.ntzRead = ntzPattern == null ? null : ValueText.pattern(ntzPattern);
        this.ntzWrite = ValueText.pattern(ntzPattern == null ? DEFAULT_TIMESTAMP_NTZ_PATTERN : ntzPattern);
        this.zone = zone;
        this.fixedOffsetSeconds = IsoTimestamps.fixedOffsetSeconds(zone);
        this.timestampRead = timestampPattern == null ? null : ValueText.pattern(timestampPattern);
        this.dateRead = datePattern == null ? null : ValueText.pattern(datePattern);
        this.timestampWrite = timestampRead != null ? timestampRead : ValueText.pattern(DEFAULT_TIMESTAMP_PATTERN);
        this.dateWrite = dateRead != null ? dateRead : ValueText.pattern(DEFAULT_DATE_PATTERN);
    }

    /** The formats of {@code options} ({@code timestampFormat}, {@code dateFormat}, {@code timeZone}). */
    public static TemporalFormats of(FormatOptions options) {
        return new TemporalFormats(options.zone(), options.get("timestampFormat"), options.get("dateFormat"),
                options.get("timestampNTZFormat"));
    }

    public ZoneId zone() {
        return zone;
    }

    /** Whether a {@code timestampFormat} was given (schema inference then requires it to match). */
    public boolean hasTimestampPattern() {
        return timestampRead != null;
    }

    /** Microseconds since the epoch, or {@link #INVALID_TIMESTAMP}. */
    public long parseTimestamp(String text) {
        if (timestampRead == null) {
            Long micros = ValueText.parseTimestamp(text, zone);
            return micros == null ? INVALID_TIMESTAMP : micros;
        }
        try {
            return ValueText.parse(text, timestampRead, zone);
        } catch (DateTimeException | ArithmeticException e) {
            return INVALID_TIMESTAMP;
        }
    }

    /**
     * {@link #parseTimestamp(String)} of {@code chars[offset, offset + length)}; without a {@code timestampFormat},
     * ISO text such as {@code 2026-11-26T10:15:30.250Z} is read without allocating (a JSON parser's text buffer
     * goes in as is).
     */
    public long parseTimestamp(char[] chars, int offset, int length) {
        if (timestampRead == null) {
            long micros = IsoTimestamps.parse(chars, offset, length, fixedOffsetSeconds);
            if (micros != IsoTimestamps.NOT_HANDLED) {
                return micros;
            }
        }
        return parseTimestamp(new String(chars, offset, length));
    }

    /** Days since the epoch, or {@link #INVALID_DATE}. */
    public int parseDate(String text) {
        if (dateRead == null) {
            Integer days = ValueText.parseDate(text);
            return days == null ? INVALID_DATE : days;
        }
        try {
            return (int) Math.floorDiv(ValueText.parse(text, dateRead, ZoneOffset.UTC), 86_400_000_000L);
        } catch (DateTimeException | ArithmeticException e) {
            return INVALID_DATE;
        }
    }

    /** Whether {@code text} is a date in {@code dateFormat}, or {@code yyyy-MM-dd} exactly without one. */
    public boolean isStrictDate(String text) {
        if (dateRead != null) {
            return parseDate(text) != INVALID_DATE;
        }
        return text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-' && parseDate(text) != INVALID_DATE;
    }

    public String formatTimestamp(long micros) {
        return ValueText.format(micros, timestampWrite, zone);
    }

    /**
     * A {@code timestamp_ntz} value (wall-clock micros) in {@code timestampNTZFormat}, by default
     * {@code yyyy-MM-dd'T'HH:mm:ss[.SSS]}; no time zone applies.
     */
    public String formatTimestampNtz(long micros) {
        return ValueText.format(micros, ntzWrite, ZoneOffset.UTC);
    }

    /** Wall-clock micros of text in {@code timestampNTZFormat} (lenient without one), or {@link #INVALID_TIMESTAMP}. */
    public long parseTimestampNtz(String text) {
        if (ntzRead == null) {
            Long micros = ValueText.parseTimestamp(text, ZoneOffset.UTC);
            return micros == null ? INVALID_TIMESTAMP : micros;
        }
        try {
            return ValueText.parse(text, ntzRead, ZoneOffset.UTC);
        } catch (DateTimeException | ArithmeticException e) {
            return INVALID_TIMESTAMP;
        }
    }

    public String formatDate(int days) {
        if (dateRead == null) {
            return ValueText.formatDate(days);
        }
        return ValueText.format(days * 86_400_000_000L, dateWrite, ZoneOffset.UTC);
    }
}
