package dev.sluice.sql.types;

/** The interval type: months, days and microseconds (only in expressions, never stored). Singleton: use {@link DataTypes#CalendarIntervalType}. */
public final class CalendarIntervalType extends DataType {
    static final CalendarIntervalType INSTANCE = new CalendarIntervalType();

    private CalendarIntervalType() {
    }

    @Override
    public String typeName() {
        return "interval";
    }

    @Override
    public String simpleString() {
        return "interval";
    }

    @Override
    public boolean isNumeric() {
        return false;
    }
}
