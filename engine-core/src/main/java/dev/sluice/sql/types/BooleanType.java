package dev.sluice.sql.types;

/** The boolean type. Singleton: use {@link DataTypes#BooleanType}. */
public final class BooleanType extends DataType {
    static final BooleanType INSTANCE = new BooleanType();

    private BooleanType() {
    }

    @Override
    public String typeName() {
        return "boolean";
    }

    @Override
    public String simpleString() {
        return "boolean";
    }

    @Override
    public boolean isNumeric() {
        return false;
    }
}
