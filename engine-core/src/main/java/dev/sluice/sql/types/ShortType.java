package dev.sluice.sql.types;

/** The smallint type: 16-bit signed integer. Singleton: use {@link DataTypes#ShortType}. */
public final class ShortType extends DataType {
    static final ShortType INSTANCE = new ShortType();

    private ShortType() {
    }

    @Override
    public String typeName() {
        return "short";
    }

    @Override
    public String simpleString() {
        return "smallint";
    }

    @Override
    public boolean isNumeric() {
        return true;
    }
}
