package dev.sluice.sql.types;

/** The tinyint type: 8-bit signed integer. Singleton: use {@link DataTypes#ByteType}. */
public final class ByteType extends DataType {
    static final ByteType INSTANCE = new ByteType();

    private ByteType() {
    }

    @Override
    public String typeName() {
        return "byte";
    }

    @Override
    public String simpleString() {
        return "tinyint";
    }

    @Override
    public boolean isNumeric() {
        return true;
    }
}
