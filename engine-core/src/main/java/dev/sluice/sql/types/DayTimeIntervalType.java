package dev.sluice.sql.types;

import java.util.List;

/**
 * Spark's ANSI day-time interval type ({@code INTERVAL DAY TO SECOND} and its narrower forms such as
 * {@code INTERVAL HOUR TO MINUTE}): a duration stored as a number of microseconds; the fields say which units
 * it is written and shown with. Java objects are {@link java.time.Duration}. Immutable; compared by its fields.
 */
public final class DayTimeIntervalType extends AnsiIntervalType {
    private static final List<String> NAMES = List.of("day", "hour", "minute", "second");

    DayTimeIntervalType(byte startField, byte endField) {
        super(startField, endField, NAMES);
    }

    /** The field constants, as Spark's {@code DayTimeIntervalType.DAY()} ... {@code SECOND()}. */
    public static byte DAY() {
        return 0;
    }

    public static byte HOUR() {
        return 1;
    }

    public static byte MINUTE() {
        return 2;
    }

    public static byte SECOND() {
        return 3;
    }

    /** {@code day}, {@code hour}, {@code minute} or {@code second}. */
    public static String fieldToString(byte field) {
        return NAMES.get(field);
    }
}
