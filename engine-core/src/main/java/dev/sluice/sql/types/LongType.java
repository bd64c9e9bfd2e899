package dev.sluice.sql.types;

/** The bigint type: 64-bit signed integer. Singleton: use {@link DataTypes#LongType}. */
public final class LongType extends DataType {
    static final LongType INSTANCE = new LongType();

    private LongType() {
    }

    @Override
    public String typeName() {
        return "long";
    }

    @Override
    public String simpleString() {
        return "bigint";
    }

    @Override
    public boolean isNumeric() {
        return true;
    }
}
