package dev.sluice.sql;

import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.MapType;
import java.lang.reflect.Array;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one Java type of a bean property (or of a list element, map key or value) is stored in a column, as
 * Spark's {@code JavaTypeInference}: boxed and primitive numbers, boolean, String, BigDecimal
 * ({@code decimal(38,18)}), byte[] (binary), Date/LocalDate (date), Timestamp/Instant (timestamp),
 * LocalDateTime (timestamp_ntz), Duration (interval day to second), Period (interval year to month), enums
 * (their name, a string), {@link List}s and arrays (array columns), {@link Map}s (map columns) and nested beans
 * or records (struct columns). Immutable.
 */
abstract class JavaTypeCodec {
    private static final Map<Class<?>, DataType> ATOMIC = Map.ofEntries(
            Map.entry(String.class, DataTypes.StringType), Map.entry(Integer.class, DataTypes.IntegerType),
            Map.entry(int.class, DataTypes.IntegerType), Map.entry(Long.class, DataTypes.LongType),
            Map.entry(long.class, DataTypes.LongType), Map.entry(Double.class, DataTypes.DoubleType),
            Map.entry(double.class, DataTypes.DoubleType), Map.entry(Float.class, DataTypes.FloatType),
            Map.entry(float.class, DataTypes.FloatType), Map.entry(Short.class, DataTypes.ShortType),
            Map.entry(short.class, DataTypes.ShortType), Map.entry(Byte.class, DataTypes.ByteType),
            Map.entry(byte.class, DataTypes.ByteType), Map.entry(Boolean.class, DataTypes.BooleanType),
            Map.entry(boolean.class, DataTypes.BooleanType), Map.entry(Timestamp.class, DataTypes.TimestampType),
            Map.entry(Instant.class, DataTypes.TimestampType), Map.entry(Date.class, DataTypes.DateType),
            Map.entry(LocalDate.class, DataTypes.DateType), Map.entry(byte[].class, DataTypes.BinaryType),
            Map.entry(BigDecimal.class, DataTypes.createDecimalType(38, 18)),
            Map.entry(java.time.LocalDateTime.class, DataTypes.TimestampNTZType),
            Map.entry(java.time.Duration.class, DataTypes.createDayTimeIntervalType()),
            Map.entry(java.time.Period.class, DataTypes.createYearMonthIntervalType()));

    /** The column type. */
    abstract DataType dataType();

    /** A Java value as an external {@link Row} value (null stays null). */
    abstract Object toExternal(Object value);

    /** An external {@link Row} value as a Java value of the codec's type (null stays null). */
    abstract Object toJava(Object value);

    /** The codec of {@code type} ({@code path} names the property in errors). */
    static JavaTypeCodec of(Type type, String path) {
        if (type instanceof Class<?> c) {
            if (ATOMIC.containsKey(c)) {
                return new Atomic(c, ATOMIC.get(c));
            }
            if (c.isEnum()) {
                return new EnumCodec(c);
            }
            if (c.isArray()) {
                return new ArrayCodec(c.getComponentType(), of(c.getComponentType(), path + " element"));
            }
            if (c == List.class || c == Map.class || c == Collection.class) {
                throw unsupported(path, type, "a raw " + c.getSimpleName() + " has no element type");
            }
            if (c.isRecord() || !c.getName().startsWith("java.")) {
                return new Nested(new BeanEncoder<>(c));
            }
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            Type[] args = p.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw) && raw.isAssignableFrom(ArrayList.class)) {
                return new ListCodec(of(args[0], path + " element"));
            }
            if (Map.class.isAssignableFrom(raw) && raw.isAssignableFrom(LinkedHashMap.class)) {
                return new MapCodec(of(args[0], path + " key"), of(args[1], path + " value"));
            }
        }
        throw unsupported(path, type, "no column type for it");
    }

    private static UnsupportedOperationException unsupported(String path, Type type, String why) {
        return new UnsupportedOperationException("Cannot encode " + path + " of type " + type.getTypeName()
                + ": " + why);
    }

    /** Converts an external row value to {@code type} (boxed numbers of another width, java.sql to java.time). */
    static Object atomicToJava(Object v, Class<?> type) {
        if (v == null) {
            return null;
        }
        if (type == Instant.class && v instanceof Timestamp t) {
            return t.toInstant();
        }
        if (type == LocalDate.class && v instanceof Date d) {
            return d.toLocalDate();
        }
        if (v instanceof Number n) {
            if (type == Integer.class || type == int.class) {
                return n.intValue();
            }
            if (type == Long.class || type == long.class) {
                return n.longValue();
            }
            if (type == Double.class || type == double.class) {
                return n.doubleValue();
            }
            if (type == Float.class || type == float.class) {
                return n.floatValue();
            }
            if (type == Short.class || type == short.class) {
                return n.shortValue();
            }
            if (type == Byte.class || type == byte.class) {
                return n.byteValue();
            }
        }
        return v;
    }

    private static final class Atomic extends JavaTypeCodec {
        private final Class<?> type;
        private final DataType dataType;

        Atomic(Class<?> type, DataType dataType) {
            this.type = type;
            this.dataType = dataType;
        }

        @Override
        DataType dataType() {
            return dataType;
        }

        @Override
        Object toExternal(Object value) {
            // Rows hold java.sql values (as Spark's Row without the java8 API setting)
            if (value instanceof Instant i) {
                return Timestamp.from(i);
            }
            return value instanceof LocalDate d ? Date.valueOf(d) : value;
        }

        @Override
        Object toJava(Object value) {
            return atomicToJava(value, type);
        }
    }

    /** Spark stores an enum as its name. */
    private static final class EnumCodec extends JavaTypeCodec {
        private final Class<?> type;

        EnumCodec(Class<?> type) {
            this.type = type;
        }

        @Override
        DataType dataType() {
            return DataTypes.StringType;
        }

        @Override
        Object toExternal(Object value) {
            return value == null ? null : ((Enum<?>) value).name();
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        Object toJava(Object value) {
            return value == null ? null : Enum.valueOf((Class) type, (String) value);
        }
    }

    private static final class ListCodec extends JavaTypeCodec {
        private final JavaTypeCodec element;

        ListCodec(JavaTypeCodec element) {
            this.element = element;
        }

        @Override
        DataType dataType() {
            return new ArrayType(element.dataType(), true);
        }

        @Override
        Object toExternal(Object value) {
            if (value == null) {
                return null;
            }
            List<Object> out = new ArrayList<>();
            for (Object item : (Collection<?>) value) {
                out.add(element.toExternal(item));
            }
            return out;
        }

        @Override
        Object toJava(Object value) {
            if (value == null) {
                return null;
            }
            List<Object> out = new ArrayList<>();
            for (Object item : (List<?>) value) {
                out.add(element.toJava(item));
            }
            return out;
        }
    }

    private static final class ArrayCodec extends JavaTypeCodec {
        private final Class<?> componentType;
        private final JavaTypeCodec element;

        ArrayCodec(Class<?> componentType, JavaTypeCodec element) {
            this.componentType = componentType;
            this.element = element;
        }

        @Override
        DataType dataType() {
            return new ArrayType(element.dataType(), !componentType.isPrimitive());
        }

        @Override
        Object toExternal(Object value) {
            if (value == null) {
                return null;
            }
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                out.add(element.toExternal(Array.get(value, i)));
            }
            return out;
        }

        @Override
        Object toJava(Object value) {
            if (value == null) {
                return null;
            }
            List<?> items = (List<?>) value;
            Object out = Array.newInstance(componentType, items.size());
            for (int i = 0; i < items.size(); i++) {
                Array.set(out, i, element.toJava(items.get(i)));
            }
            return out;
        }
    }

    private static final class MapCodec extends JavaTypeCodec {
        private final JavaTypeCodec key;
        private final JavaTypeCodec value;

        MapCodec(JavaTypeCodec key, JavaTypeCodec value) {
            this.key = key;
            this.value = value;
        }

        @Override
        DataType dataType() {
            return new MapType(key.dataType(), value.dataType(), true);
        }

        @Override
        Object toExternal(Object map) {
            if (map == null) {
                return null;
            }
            Map<Object, Object> out = new LinkedHashMap<>();
            ((Map<?, ?>) map).forEach((k, v) -> out.put(key.toExternal(k), value.toExternal(v)));
            return out;
        }

        @Override
        Object toJava(Object map) {
            if (map == null) {
                return null;
            }
            Map<Object, Object> out = new LinkedHashMap<>();
            ((Map<?, ?>) map).forEach((k, v) -> out.put(key.toJava(k), value.toJava(v)));
            return out;
        }
    }

    private static final class Nested extends JavaTypeCodec {
        private final BeanEncoder<Object> encoder;

        @SuppressWarnings("unchecked")
        Nested(BeanEncoder<?> encoder) {
            this.encoder = (BeanEncoder<Object>) encoder;
        }

        @Override
        DataType dataType() {
            return encoder.schema();
        }

        @Override
        Object toExternal(Object value) {
            return encoder.toRow(value);
        }

        @Override
        Object toJava(Object value) {
            return encoder.fromRow((Row) value);
        }
    }
}
