package dev.sluice.sql.types;

/**
 * Spark's {@code TIMESTAMP_NTZ}: a local date-time without time zone, stored as microseconds since
 * 1970-01-01T00:00 on the wall clock; shown, cast and written exactly as stored, whatever the session time zone.
 * Java objects are {@link java.time.LocalDateTime}. Singleton: use {@link DataTypes#TimestampNTZType}.
 */
public final class TimestampNTZType extends DataType {
    static final TimestampNTZType INSTANCE = new TimestampNTZType();

    private TimestampNTZType() {
    }

    @Override
    public String typeName() {
        return "timestamp_ntz";
    }
}
