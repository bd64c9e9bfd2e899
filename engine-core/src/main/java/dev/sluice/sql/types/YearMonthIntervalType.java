package dev.sluice.sql.types;

import java.util.List;

/**
 * Spark's ANSI year-month interval type ({@code INTERVAL YEAR TO MONTH}, {@code INTERVAL YEAR},
 * {@code INTERVAL MONTH}): a number of months; the fields say which units it is written and shown with. Java
 * objects are {@link java.time.Period} (normalized years and months). Immutable; compared by its fields.
 */
public final class YearMonthIntervalType extends AnsiIntervalType {
    private static final List<String> NAMES = List.of("year", "month");

    YearMonthIntervalType(byte startField, byte endField) {
        super(startField, endField, NAMES);
    }

    /** The field constants, as Spark's {@code YearMonthIntervalType.YEAR()} and {@code MONTH()}. */
    public static byte YEAR() {
        return 0;
    }

    public static byte MONTH() {
        return 1;
    }

    /** {@code year} or {@code month}. */
    public static String fieldToString(byte field) {
        return NAMES.get(field);
    }
}
