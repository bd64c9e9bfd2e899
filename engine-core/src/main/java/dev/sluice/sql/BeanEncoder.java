package dev.sluice.sql;

import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@link Encoders#bean}: a Java bean (getter/setter pairs, public no-argument constructor) or a record (its
 * components, built with the canonical constructor), one column per property ordered alphabetically by
 * name; primitive properties are non-nullable columns, nested beans/records are struct columns. Immutable
 * once built (the reflection handles are resolved in the constructor).
 */
final class BeanEncoder<T> implements Encoder<T> {
    private static final Map<Class<?>, DataType> TYPES = Map.ofEntries(
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
            Map.entry(BigDecimal.class, DataTypes.createDecimalType(38, 18)));

    /** One property: name, Java type, accessor, and the nested encoder of a bean-typed property. */
    private record Property(String name, Class<?> type, Method getter, Method setter, BeanEncoder<?> nested) {
    }

    private final Class<T> beanClass;
    private final List<Property> properties = new ArrayList<>();
    private final StructType schema;
    private final transient Constructor<T> constructor;
    private final int[] constructorOrder;

    BeanEncoder(Class<T> beanClass) {
        this.beanClass = beanClass;
        try {
            if (beanClass.isRecord()) {
                RecordComponent[] components = beanClass.getRecordComponents();
                Class<?>[] types = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    types[i] = components[i].getType();
                    properties.add(property(components[i].getName(), types[i], components[i].getAccessor(), null));
                }
                properties.sort(Comparator.comparing(Property::name));
                constructor = beanClass.getDeclaredConstructor(types);
                constructorOrder = new int[components.length];
                for (int i = 0; i < components.length; i++) {
                    String name = components[i].getName();
                    constructorOrder[i] = properties.indexOf(properties.stream()
                            .filter(p -> p.name().equals(name)).findFirst().orElseThrow());
                }
            } else {
                for (PropertyDescriptor d : Introspector.getBeanInfo(beanClass).getPropertyDescriptors()) {
                    if (d.getReadMethod() != null && d.getWriteMethod() != null) {
                        properties.add(property(d.getName(), d.getPropertyType(), d.getReadMethod(), d.getWriteMethod()));
                    }
                }
                properties.sort(Comparator.comparing(Property::name));
                constructor = beanClass.getConstructor();
                constructorOrder = null;
            }
            constructor.setAccessible(true);
        } catch (IntrospectionException | NoSuchMethodException e) {
            throw new UnsupportedOperationException("Cannot encode " + beanClass.getName() + " as a bean: "
                    + e.getMessage(), e);
        }
        List<StructField> fields = new ArrayList<>();
        for (Property p : properties) {
            DataType type = p.nested() != null ? p.nested().schema() : TYPES.get(p.type());
            fields.add(new StructField(p.name(), type, !p.type().isPrimitive()));
        }
        this.schema = new StructType(fields);
    }

    private static Property property(String name, Class<?> type, Method getter, Method setter) {
        getter.setAccessible(true);
        if (setter != null) {
            setter.setAccessible(true);
        }
        if (TYPES.containsKey(type)) {
            return new Property(name, type, getter, setter, null);
        }
        if (type.isRecord() || !type.getName().startsWith("java.")) {
            return new Property(name, type, getter, setter, new BeanEncoder<>(type));
        }
        throw new UnsupportedOperationException("Cannot encode property " + name + " of type " + type.getName());
    }

    @Override
    public StructType schema() {
        return schema;
    }

    @Override
    public Class<T> clsTag() {
        return beanClass;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Row toRow(T value) {
        if (value == null) {
            return null;
        }
        Object[] out = new Object[properties.size()];
        for (int i = 0; i < out.length; i++) {
            Property p = properties.get(i);
            Object v = invoke(p.getter(), value);
            out[i] = p.nested() != null ? ((BeanEncoder) p.nested()).toRow(v) : toExternal(v);
        }
        return new GenericRow(out, schema);
    }

    @Override
    public T fromRow(Row row) {
        if (row == null) {
            return null;
        }
        Object[] values = new Object[properties.size()];
        for (int i = 0; i < values.length; i++) {
            Property p = properties.get(i);
            Object v = row.get(i);
            values[i] = p.nested() != null ? p.nested().fromRow((Row) v) : toJava(v, p.type());
        }
        try {
            if (constructorOrder != null) {
                Object[] args = new Object[values.length];
                for (int i = 0; i < args.length; i++) {
                    args[i] = values[constructorOrder[i]];
                }
                return constructor.newInstance(args);
            }
            T bean = constructor.newInstance();
            for (int i = 0; i < values.length; i++) {
                if (values[i] != null) {
                    properties.get(i).setter().invoke(bean, values[i]);
                }
            }
            return bean;
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot create " + beanClass.getName() + " from " + row, e);
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read property with " + getter, e);
        }
    }

    private static Object toExternal(Object v) {
        if (v instanceof Instant i) {
            return Timestamp.from(i);
        }
        if (v instanceof LocalDate d) {
            return Date.valueOf(d);
        }
        return v;
    }

    /** Converts an external row value to a property of {@code type} (null stays null, also for primitives' defaults). */
    static Object toJava(Object v, Class<?> type) {
        if (v == null) {
            return null;
        }
        if ((type == Instant.class) && v instanceof Timestamp t) {
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
}
