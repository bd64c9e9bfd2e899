package dev.sluice.spi;

import dev.sluice.expr.TemporalParsing;
import dev.sluice.expr.ValueRendering;
import dev.sluice.expr.scalar.DateTimePatterns;
import dev.sluice.sql.types.DataType;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The engine's text forms of values, for connectors that read or write text (CSV, JSON, partition folder names,
 * JDBC partition bounds): rendering as {@code CAST(v AS STRING)} does, parsing dates and timestamps as
 * {@code CAST(s AS DATE/TIMESTAMP)} does, and Spark's datetime patterns ({@code timestampFormat},
 * {@code dateFormat}). Part of the connector SPI so that a file a connector writes reads back, and prints, exactly
 * as the engine's own casts and {@code show()} would. Values are in the engine's internal form: dates as days since
 * the epoch ({@code int}), timestamps as microseconds since the epoch ({@code long}). Stateless and thread-safe.
 */
public final class ValueText {
    private ValueText() {
    }

    /** {@code CAST(value AS STRING)} for an internal value of {@code type}, timestamps in UTC; null for null. */
    public static String render(Object internalValue, DataType type) {
        return ValueRendering.render(internalValue, type);
    }

    /** {@code CAST(value AS STRING)} for an internal value of {@code type}, timestamps in {@code zone}. */
    public static String render(Object internalValue, DataType type, ZoneId zone) {
        return ValueRendering.render(internalValue, type, zone);
    }

    /** A date as {@code yyyy-MM-dd}, as the cast to string writes it. */
    public static String formatDate(int daysSinceEpoch) {
        return ValueRendering.formatDate(daysSinceEpoch);
    }

    /** A timestamp as the cast to string writes it, wall time in {@code zone}. */
    public static String formatTimestamp(long micros, ZoneId zone) {
        return ValueRendering.formatTimestamp(micros, zone);
    }

    /** Days since the epoch of a date string as {@code CAST(text AS DATE)} reads it, or null when invalid. */
    public static Integer parseDate(String text) {
        return TemporalParsing.parseDate(text);
    }

    /**
     * Microseconds since the epoch of {@code text} as {@code CAST(text AS TIMESTAMP)} reads it (zone-less text in
     * {@code defaultZone}), or null when invalid.
     */
    public static Long parseTimestamp(String text, ZoneId defaultZone) {
        return TemporalParsing.parseTimestamp(text, defaultZone);
    }

    /**
     * A formatter for a Spark datetime pattern ({@code yyyy-MM-dd HH:mm:ss.SSS}, ...).
     *
     * @throws dev.sluice.sql.SluiceException with Spark's error class when the pattern is invalid
     */
    public static DateTimeFormatter pattern(String sparkPattern) {
        return DateTimePatterns.formatter(sparkPattern);
    }

    /**
     * Microseconds since the epoch of {@code text} read with {@code formatter} (zone-less text in
     * {@code defaultZone}).
     *
     * @throws java.time.DateTimeException when the text does not match or names an invalid date
     */
    public static long parse(String text, DateTimeFormatter formatter, ZoneId defaultZone) {
        return DateTimePatterns.parse(text, formatter, defaultZone);
    }

    /** Microseconds since the epoch formatted with {@code formatter}, wall time in {@code zone}. */
    public static String format(long micros, DateTimeFormatter formatter, ZoneId zone) {
        return DateTimePatterns.format(micros, formatter, zone);
    }
}
