package dev.sluice.sql.types;

/** The date type: days since 1970-01-01, stored as an int. Singleton: use {@link DataTypes#DateType}. */
public final class DateType extends DataType {
    static final DateType INSTANCE = new DateType();

    private DateType() {
    }

    @Override
    public String typeName() {
        return "date";
    }

    @Override
    public String simpleString() {
        return "date";
    }

    @Override
    public boolean isNumeric() {
        return false;
    }
}
