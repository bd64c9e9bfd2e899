package dev.sluice.sql.types;

/**
 * The type of a column or value. Instances are immutable and thread-safe; atomic types are singletons
 * reachable from {@link DataTypes}, complex types are compared structurally.
 *
 * <p>Names follow Spark: {@link #typeName()} is what {@code printSchema()} prints ({@code integer}),
 * {@link #simpleString()} is the compact SQL-ish form ({@code int}, {@code struct<a:int>}).
 */
public abstract class DataType {
    DataType() {
    }

    /** The name printed by {@code printSchema()}: {@code integer}, {@code long}, {@code struct}, ... */
    public abstract String typeName();

    /** The compact form used in messages and DDL: {@code int}, {@code bigint}, {@code array<string>}. */
    public String simpleString() {
        return typeName();
    }

    /** Same as {@link #simpleString()}; Spark's catalog form. */
    public String catalogString() {
        return simpleString();
    }

    /** The SQL form: {@code INT}, {@code STRUCT<a: INT>}. */
    public String sql() {
        return simpleString().toUpperCase(java.util.Locale.ROOT);
    }

    /** True for the numeric types (byte, short, int, long, float, double, decimal). */
    public boolean isNumeric() {
        return false;
    }

    /** Parses a type string such as {@code "int"}, {@code "decimal(20,0)"} or {@code "array<struct<a:int>>"}. */
    public static DataType fromDDL(String text) {
        return TypeSpecConverter.parseDataType(text);
    }

    /** Spark's compact JSON form ({@code {"type":"struct","fields":[...]}} for a schema, with field metadata). */
    public String json() {
        return DataTypeJson.compact(this);
    }

    /** The JSON form indented, as Spark's {@code prettyJson}. */
    public String prettyJson() {
        return DataTypeJson.pretty(this);
    }

    /** Parses Spark's JSON form of a data type, as Spark's {@code DataType.fromJson}. */
    public static DataType fromJson(String json) {
        return DataTypeJson.parse(json);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
