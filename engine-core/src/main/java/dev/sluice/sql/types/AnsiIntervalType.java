package dev.sluice.sql.types;

import java.util.List;

/**
 * Spark's ANSI interval types ({@link DayTimeIntervalType}, {@link YearMonthIntervalType}): a range of fields from
 * {@link #startField()} to {@link #endField()}, which name the type ({@code interval day to second},
 * {@code interval month}) and say which units its values are written with. Immutable; compared by class and
 * fields.
 */
public abstract class AnsiIntervalType extends DataType {
    private final byte startField;
    private final byte endField;
    private final List<String> names;

    AnsiIntervalType(byte startField, byte endField, List<String> names) {
        if (startField < 0 || endField >= names.size() || startField > endField) {
            throw new IllegalArgumentException("Invalid " + getClass().getSimpleName() + " fields: " + startField
                    + " to " + endField);
        }
        this.startField = startField;
        this.endField = endField;
        this.names = names;
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
        return startField == endField ? "interval " + names.get(startField)
                : "interval " + names.get(startField) + " to " + names.get(endField);
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((AnsiIntervalType) o).startField == startField
                && ((AnsiIntervalType) o).endField == endField;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * getClass().hashCode() + startField) + endField;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + startField + "," + endField + ")";
    }
}
