package dev.sluice.connectors.parquet;

import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.BinaryType;
import dev.sluice.sql.types.BooleanType;
import dev.sluice.sql.types.ByteType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DateType;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.IntegerType;
import dev.sluice.sql.types.LongType;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.ShortType;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import dev.sluice.sql.types.TimestampType;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Maps Sluice schemas to Parquet schemas and back, as Spark's {@code ParquetSchemaConverter} (standard,
 * non-legacy layout): byte/short/int/date as INT32 (with INT(8)/INT(16)/DATE annotations), long as INT64,
 * timestamp as INT64 {@code TIMESTAMP(MICROS, isAdjustedToUTC=true)}, string as UTF-8 BINARY, decimals as
 * INT32/INT64/FIXED_LEN_BYTE_ARRAY by precision, structs as groups, arrays as 3-level {@code LIST} groups
 * ({@code list}/{@code element}), maps as {@code MAP} groups ({@code key_value}/{@code key}/{@code value});
 * nullable fields are OPTIONAL. Reading also accepts INT96 and millisecond/nanosecond timestamps and 2-level
 * lists. Also computes the projection of a file schema onto requested columns. Stateless.
 */
public final class ParquetSchemas {
    private ParquetSchemas() {
    }

    /** The Parquet message type of {@code schema}. */
    public static MessageType toParquet(StructType schema) {
        List<Type> fields = new ArrayList<>();
        for (StructField f : schema) {
            fields.add(toParquet(f.name(), f.dataType(), f.nullable()));
        }
        return new MessageType("spark_schema", fields);
    }

    private static Type toParquet(String name, DataType type, boolean nullable) {
        Type.Repetition repetition = nullable ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        if (type instanceof StructType struct) {
            Types.GroupBuilder<GroupType> group = Types.buildGroup(repetition);
            for (StructField f : struct) {
                group.addField(toParquet(f.name(), f.dataType(), f.nullable()));
            }
            return group.named(name);
        }
        if (type instanceof ArrayType array) {
            return Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
                    .addField(Types.repeatedGroup()
                            .addField(toParquet("element", array.elementType(), array.containsNull())).named("list"))
                    .named(name);
        }
        if (type instanceof MapType map) {
            return Types.buildGroup(repetition).as(LogicalTypeAnnotation.mapType())
                    .addField(Types.repeatedGroup()
                            .addField(toParquet("key", map.keyType(), false))
                            .addField(toParquet("value", map.valueType(), map.valueContainsNull())).named("key_value"))
                    .named(name);
        }
        return primitive(name, type, repetition);
    }

    private static Type primitive(String name, DataType type, Type.Repetition repetition) {
        if (type instanceof BooleanType) {
            return Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
        }
        if (type instanceof ByteType || type instanceof ShortType) {
            return Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.intType(type instanceof ByteType ? 8 : 16, true)).named(name);
        }
        if (type instanceof IntegerType) {
            return Types.primitive(PrimitiveTypeName.INT32, repetition).named(name);
        }
        if (type instanceof DateType) {
            return Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType()).named(name);
        }
        if (type instanceof LongType) {
            return Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
        }
        if (type instanceof TimestampType) {
            return Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(name);
        }
        if (type instanceof FloatType) {
            return Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(name);
        }
        if (type instanceof DoubleType) {
            return Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
        }
        if (type instanceof StringType) {
            return Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType()).named(name);
        }
        if (type instanceof BinaryType) {
            return Types.primitive(PrimitiveTypeName.BINARY, repetition).named(name);
        }
        if (type instanceof DecimalType decimal) {
            LogicalTypeAnnotation annotation = LogicalTypeAnnotation.decimalType(decimal.scale(), decimal.precision());
            if (decimal.precision() <= 9) {
                return Types.primitive(PrimitiveTypeName.INT32, repetition).as(annotation).named(name);
            }
            if (decimal.precision() <= 18) {
                return Types.primitive(PrimitiveTypeName.INT64, repetition).as(annotation).named(name);
            }
            return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                    .length(decimalBytes(decimal.precision())).as(annotation).named(name);
        }
        throw new AnalysisException("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE", "The Parquet datasource doesn't support"
                + " the column `" + name + "` of the type \"" + type.sql() + "\".", "0A000");
    }

    /** Bytes of a two's-complement integer holding {@code precision} decimal digits (Spark's table). */
    static int decimalBytes(int precision) {
        int bytes = 1;
        while (Math.pow(2.0, 8 * bytes - 1) < Math.pow(10.0, precision)) {
            bytes++;
        }
        return bytes;
    }

    /** The Sluice schema of a Parquet message. */
    public static StructType toSluice(GroupType message) {
        List<StructField> fields = new ArrayList<>();
        for (Type field : message.getFields()) {
            fields.add(new StructField(field.getName(), toSluice(field), field.getRepetition() != Type.Repetition.REQUIRED));
        }
        return new StructType(fields);
    }

    /** The Sluice type of one Parquet field (a REPEATED field outside a LIST is read as its element type). */
    public static DataType toSluice(Type field) {
        if (field.isPrimitive()) {
            return primitiveToSluice(field.asPrimitiveType());
        }
        GroupType group = field.asGroupType();
        LogicalTypeAnnotation annotation = group.getLogicalTypeAnnotation();
        if (annotation instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
            Type repeated = group.getType(0);
            Type element = listElement(repeated);
            return new ArrayType(toSluice(element), element != repeated && element.getRepetition() != Type.Repetition.REQUIRED);
        }
        if (annotation instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                || annotation instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
            GroupType keyValue = group.getType(0).asGroupType();
            Type value = keyValue.getFieldCount() > 1 ? keyValue.getType(1) : null;
            return new MapType(toSluice(keyValue.getType(0)), value == null ? DataTypes.NullType : toSluice(value),
                    value == null || value.getRepetition() != Type.Repetition.REQUIRED);
        }
        return toSluice(group);
    }

    /**
     * The element of a LIST's repeated field: its only child in the standard 3-level layout, or the repeated
     * field itself in the legacy 2-level layouts (a repeated primitive, or a repeated group of several
     * fields or named {@code array}/{@code *_tuple}).
     */
    static Type listElement(Type repeated) {
        if (repeated.isPrimitive()) {
            return repeated;
        }
        GroupType group = repeated.asGroupType();
        if (group.getFieldCount() != 1 || group.getName().equals("array") || group.getName().endsWith("_tuple")) {
            return repeated;
        }
        return group.getType(0);
    }

    private static DataType primitiveToSluice(PrimitiveType type) {
        LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
        if (annotation instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
            return new DecimalType(decimal.getPrecision(), decimal.getScale());
        }
        switch (type.getPrimitiveTypeName()) {
            case BOOLEAN:
                return DataTypes.BooleanType;
            case INT32:
                if (annotation instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    return DataTypes.DateType;
                }
                if (annotation instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation ints) {
                    return ints.getBitWidth() == 8 ? DataTypes.ByteType : ints.getBitWidth() == 16 ? DataTypes.ShortType
                            : DataTypes.IntegerType;
                }
                return DataTypes.IntegerType;
            case INT64:
                return annotation instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ? DataTypes.TimestampType
                        : DataTypes.LongType;
            case INT96:
                return DataTypes.TimestampType;
            case FLOAT:
                return DataTypes.FloatType;
            case DOUBLE:
                return DataTypes.DoubleType;
            case BINARY:
                return annotation instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        || annotation instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                        || annotation instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation
                        ? DataTypes.StringType : DataTypes.BinaryType;
            default:
                return DataTypes.BinaryType;
        }
    }

    /**
     * The part of {@code file} needed to read {@code requested}: the requested top-level columns present in
     * the file (matched by exact name, then case-insensitively), with plain struct columns pruned to the
     * requested sub-fields. Fields keep the file's order. Columns absent from the file are left out (they
     * read as null).
     */
    public static MessageType project(MessageType file, StructType requested) {
        return new MessageType(file.getName(), projectFields(file, requested));
    }

    private static List<Type> projectFields(GroupType file, StructType requested) {
        List<Type> kept = new ArrayList<>();
        for (Type field : file.getFields()) {
            int index = requested.indexOfIgnoreCase(field.getName());
            if (index < 0) {
                continue;
            }
            DataType wanted = requested.apply(index).dataType();
            if (wanted instanceof StructType struct && !field.isPrimitive() && field.getLogicalTypeAnnotation() == null) {
                List<Type> children = projectFields(field.asGroupType(), struct);
                if (!children.isEmpty()) {
                    kept.add(field.asGroupType().withNewFields(children));
                }
            } else {
                kept.add(field);
            }
        }
        return kept;
    }
}
