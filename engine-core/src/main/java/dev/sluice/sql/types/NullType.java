package dev.sluice.sql.types;

/** The void type: the type of the untyped NULL literal. Singleton: use {@link DataTypes#NullType}. */
public final class NullType extends DataType {
    static final NullType INSTANCE = new NullType();

    private NullType() {
    }

    @Override
    public String typeName() {
        return "void";
    }

    @Override
    public String simpleString() {
        return "void";
    }

    @Override
    public boolean isNumeric() {
        return false;
    }
}
