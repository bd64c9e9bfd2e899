package dev.sluice.sql.types;

/** The int type: 32-bit signed integer. Singleton: use {@link DataTypes#IntegerType}. */
public final class IntegerType extends DataType {
    static final IntegerType INSTANCE = new IntegerType();

    private IntegerType() {
    }

    @Override
    public String typeName() {
        return "integer";
    }

    @Override
    public String simpleString() {
        return "int";
    }

    @Override
    public boolean isNumeric() {
        return true;
    }
}
