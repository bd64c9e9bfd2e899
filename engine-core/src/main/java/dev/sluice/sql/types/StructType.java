package dev.sluice.sql.types;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A schema: an ordered list of named, typed, nullable fields. Immutable; {@code add} returns a new
 * instance, as in Spark ({@code new StructType().add("a", DataTypes.IntegerType)}).
 */
public final class StructType extends DataType implements Iterable<StructField> {
    private final StructField[] fields;
    private final Map<String, Integer> indexByName;

    /** The empty schema. */
    public StructType() {
        this(new StructField[0]);
    }

    public StructType(StructField[] fields) {
        this.fields = fields.clone();
        Map<String, Integer> index = new HashMap<>();
        for (int i = this.fields.length - 1; i >= 0; i--) {
            Objects.requireNonNull(this.fields[i], "field is null");
            index.put(this.fields[i].name(), i);
        }
        this.indexByName = index;
    }

    public StructType(List<StructField> fields) {
        this(fields.toArray(new StructField[0]));
    }

    /** Parses a DDL string such as {@code "a INT, b STRUCT<c: STRING>"}. */
    public static StructType fromDDL(String ddl) {
        return TypeSpecConverter.parseSchema(ddl);
    }

    public StructType add(String name, DataType dataType) {
        return add(new StructField(name, dataType, true));
    }

    public StructType add(String name, DataType dataType, boolean nullable) {
        return add(new StructField(name, dataType, nullable));
    }

    public StructType add(String name, DataType dataType, boolean nullable, Metadata metadata) {
        return add(new StructField(name, dataType, nullable, metadata));
    }

    /** Adds a field whose type is given as a type string ({@code "int"}, {@code "array<string>"}). */
    public StructType add(String name, String dataType) {
        return add(new StructField(name, DataType.fromDDL(dataType), true));
    }

    public StructType add(String name, String dataType, boolean nullable) {
        return add(new StructField(name, DataType.fromDDL(dataType), nullable));
    }

    public StructType add(StructField field) {
        StructField[] copy = Arrays.copyOf(fields, fields.length + 1);
        copy[fields.length] = field;
        return new StructType(copy);
    }

    public StructField[] fields() {
        return fields.clone();
    }

    /** The fields as an unmodifiable list (no copy). */
    public List<StructField> fieldList() {
        return Collections.unmodifiableList(Arrays.asList(fields));
    }

    public String[] fieldNames() {
        String[] names = new String[fields.length];
        for (int i = 0; i < fields.length; i++) {
            names[i] = fields[i].name();
        }
        return names;
    }

    public int length() {
        return fields.length;
    }

    public int size() {
        return fields.length;
    }

    public StructField apply(int index) {
        return fields[index];
    }

    /** The field with this exact name; {@link IllegalArgumentException} naming the available fields if absent. */
    public StructField apply(String name) {
        return fields[fieldIndex(name)];
    }

    /** Index of the field with this exact name; {@link IllegalArgumentException} if absent. */
    public int fieldIndex(String name) {
        Integer index = indexByName.get(name);
        if (index == null) {
            throw new IllegalArgumentException(
                    "Field \"" + name + "\" does not exist. Available fields: " + String.join(", ", fieldNames()));
        }
        return index;
    }

    /** Index of the field with this name (exact match first, then case-insensitive), or -1. */
    public int indexOfIgnoreCase(String name) {
        Integer index = indexByName.get(name);
        if (index != null) {
            return index;
        }
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Iterator<StructField> iterator() {
        return fieldList().iterator();
    }

    @Override
    public String typeName() {
        return "struct";
    }

    @Override
    public String simpleString() {
        StringBuilder sb = new StringBuilder("struct<");
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(fields[i].name()).append(':').append(fields[i].dataType().simpleString());
        }
        return sb.append('>').toString();
    }

    @Override
    public String sql() {
        StringBuilder sb = new StringBuilder("STRUCT<");
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(quoteIfNeeded(fields[i].name())).append(": ").append(fields[i].dataType().sql());
            if (!fields[i].nullable()) {
                sb.append(" NOT NULL");
            }
        }
        return sb.append('>').toString();
    }

    /** The DDL form accepted by {@link #fromDDL}: {@code a INT,b STRING}. */
    public String toDDL() {
        List<String> parts = new ArrayList<>();
        for (StructField f : fields) {
            parts.add(quoteIfNeeded(f.name()) + " " + f.dataType().sql() + (f.nullable() ? "" : " NOT NULL"));
        }
        return String.join(",", parts);
    }

    private static String quoteIfNeeded(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? name : "`" + name.replace("`", "``") + "`";
    }

    /** The tree printed by {@code printSchema()}, character for character as Spark's, ending with a newline. */
    public String treeString() {
        StringBuilder sb = new StringBuilder("root\n");
        appendFields(this, " |", sb);
        return sb.toString();
    }

    /** Prints {@link #treeString()} and, as Spark's {@code println}, an empty line after it. */
    public void printTreeString() {
        System.out.println(treeString());
    }

    private static void appendFields(StructType struct, String prefix, StringBuilder sb) {
        for (StructField f : struct.fields) {
            sb.append(prefix).append("-- ").append(f.name()).append(": ").append(f.dataType().typeName())
                    .append(" (nullable = ").append(f.nullable()).append(")\n");
            appendNested(f.dataType(), prefix + "    |", sb);
        }
    }

    private static void appendNested(DataType type, String prefix, StringBuilder sb) {
        if (type instanceof StructType s) {
            appendFields(s, prefix, sb);
        } else if (type instanceof ArrayType a) {
            sb.append(prefix).append("-- element: ").append(a.elementType().typeName())
                    .append(" (containsNull = ").append(a.containsNull()).append(")\n");
            appendNested(a.elementType(), prefix + "    |", sb);
        } else if (type instanceof MapType m) {
            sb.append(prefix).append("-- key: ").append(m.keyType().typeName()).append('\n');
            appendNested(m.keyType(), prefix + "    |", sb);
            sb.append(prefix).append("-- value: ").append(m.valueType().typeName())
                    .append(" (valueContainsNull = ").append(m.valueContainsNull()).append(")\n");
            appendNested(m.valueType(), prefix + "    |", sb);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StructType s && Arrays.equals(s.fields, fields);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fields);
    }

    @Override
    public String toString() {
        return "StructType(" + String.join(",", Arrays.stream(fields).map(StructField::toString).toList()) + ")";
    }
}
