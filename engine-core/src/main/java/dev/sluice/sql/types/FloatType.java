package dev.sluice.sql.types;

/** The float type: IEEE 754 single precision. Singleton: use {@link DataTypes#FloatType}. */
public final class FloatType extends DataType {
    static final FloatType INSTANCE = new FloatType();

    private FloatType() {
    }

    @Override
    public String typeName() {
        return "float";
    }

    @Override
    public String simpleString() {
        return "float";
    }

    @Override
    public boolean isNumeric() {
        return true;
    }
}
