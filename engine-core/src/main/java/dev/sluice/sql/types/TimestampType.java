package dev.sluice.sql.types;

/** The timestamp type: microseconds since the epoch in UTC, shown in the session time zone. Singleton: use {@link DataTypes#TimestampType}. */
public final class TimestampType extends DataType {
    static final TimestampType INSTANCE = new TimestampType();

    private TimestampType() {
    }

    @Override
    public String typeName() {
        return "timestamp";
    }

    @Override
    public String simpleString() {
        return "timestamp";
    }

    @Override
    public boolean isNumeric() {
        return false;
    }
}
