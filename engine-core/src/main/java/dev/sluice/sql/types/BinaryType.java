package dev.sluice.sql.types;

/** The binary type: byte arrays. Singleton: use {@link DataTypes#BinaryType}. */
public final class BinaryType extends DataType {
    static final BinaryType INSTANCE = new BinaryType();

    private BinaryType() {
    }

    @Override
    public String typeName() {
        return "binary";
    }

    @Override
    public String simpleString() {
        return "binary";
    }

    @Override
    public boolean isNumeric() {
        return false;
    }
}
