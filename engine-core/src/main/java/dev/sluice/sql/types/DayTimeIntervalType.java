package dev.sluice.sql.types;

/**
 * Spark's ANSI day-time interval type ({@code INTERVAL DAY TO SECOND} and its narrower forms such as
 * {@code INTERVAL HOUR TO MINUTE}): a duration stored as a number of microseconds; the fields say which units
 * it is written and shown with. Java objects are {@link java.time.Duration}. Immutable; compared by its fields.
 */
public final class DayTimeIntervalType extends DataType {
    private static final String[] NAMES = {"day", "hour", "minute", "second"};
    private final byte startField;
    private final byte endField;

    DayTimeIntervalType(byte startField, byte endField) {
        if (startField < 0 || endField > 3 || startField > endField) {
            throw new IllegalArgumentException("Invalid day-time interval fields: " + startField + " to " + endField);
        }
        this.startField = startField;
        this.endField = endField;
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
        return NAMES[field];
    }

    public byte startField() {
        return startField;
    }

    public byte endField() {
        return endField;
    }

    /** {@code interval day to second}, or {@code interval hour} when both fields are one. */
    @Override
    public String typeName() {
        return startField == endField ? "interval " + NAMES[startField]
                : "interval " + NAMES[startField] + " to " + NAMES[endField];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DayTimeIntervalType t && t.startField == startField && t.endField == endField;
    }

    @Override
    public int hashCode() {
        return 31 * startField + endField + 7;
    }

    @Override
    public String toString() {
        return "DayTimeIntervalType(" + startField + "," + endField + ")";
    }
}
