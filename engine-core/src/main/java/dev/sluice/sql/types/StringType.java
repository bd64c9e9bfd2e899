package dev.sluice.sql.types;

/** The string type: UTF-16 Java strings, compared by their UTF-8 bytes as Spark does. Singleton: use {@link DataTypes#StringType}. */
public final class StringType extends DataType {
    static final StringType INSTANCE = new StringType();

    private StringType() {
    }

    @Override
    public String typeName() {
        return "string";
    }

    @Override
    public String simpleString() {
        return "string";
    }

    @Override
    public boolean isNumeric() {
        return false;
    }
}
