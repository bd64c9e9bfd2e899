package dev.sluice.sql.types;

/**
 * Spark's ANSI year-month interval type ({@code INTERVAL YEAR TO MONTH}, {@code INTERVAL YEAR},
 * {@code INTERVAL MONTH}): a number of months; the fields say which units it is written and shown with. Java
 * objects are {@link java.time.Period} (normalized years and months). Immutable; compared by its fields.
 */
public final class YearMonthIntervalType extends DataType {
    private static final String[] NAMES = {"year", "month"};
    private final byte startField;
    private final byte endField;

    YearMonthIntervalType(byte startField, byte endField) {
        if (startField < 0 || endField > 1 || startField > endField) {
            throw new IllegalArgumentException("Invalid year-month interval fields: " + startField + " to "
                    + endField);
        }
        this.startField = startField;
        this.endField = endField;
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
        return NAMES[field];
    }

    public byte startField() {
        return startField;
    }

    public byte endField() {
        return endField;
    }

    /** {@code interval year to month}, or {@code interval year}/{@code interval month}. */
    @Override
    public String typeName() {
        return startField == endField ? "interval " + NAMES[startField]
                : "interval " + NAMES[startField] + " to " + NAMES[endField];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof YearMonthIntervalType t && t.startField == startField && t.endField == endField;
    }

    @Override
    public int hashCode() {
        return 31 * startField + endField + 3;
    }

    @Override
    public String toString() {
        return "YearMonthIntervalType(" + startField + "," + endField + ")";
    }
}
