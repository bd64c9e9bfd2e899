package dev.sluice.sql.types;

/** The double type: IEEE 754 double precision. Singleton: use {@link DataTypes#DoubleType}. */
public final class DoubleType extends DataType {
    static final DoubleType INSTANCE = new DoubleType();

    private DoubleType() {
    }

    @Override
    public String typeName() {
        return "double";
    }

    @Override
    public String simpleString() {
        return "double";
    }

    @Override
    public boolean isNumeric() {
        return true;
    }
}
