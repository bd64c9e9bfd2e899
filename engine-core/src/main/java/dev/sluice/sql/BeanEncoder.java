package dev.sluice.sql;

import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link Encoders#bean}: a Java bean (getter/setter pairs, public no-argument constructor) or a record (its
 * components, built with the canonical constructor), one column per property ordered alphabetically by
 * name; primitive properties are non-nullable columns; the other property types are those of
 * {@link JavaTypeCodec} (nested beans and records are struct columns, lists and arrays array columns, maps map
 * columns, enums strings). Immutable once built (the reflection handles are resolved in the constructor).
 */
final class BeanEncoder<T> implements Encoder<T> {
    /** The bean classes being inspected by this thread: a class met again is a circular reference. */
    private static final ThreadLocal<Set<Class<?>>> IN_PROGRESS = ThreadLocal.withInitial(HashSet::new);

    /** One property: name, Java class (primitive or not), accessors and how its values are stored. */
    private record Property(String name, Class<?> type, Method getter, Method setter, JavaTypeCodec codec) {
    }

    private final Class<T> beanClass;
    private final List<Property> properties = new ArrayList<>();
    private final StructType schema;
    private final transient Constructor<T> constructor;
    private final int[] constructorOrder;

    BeanEncoder(Class<T> beanClass) {
        this.beanClass = beanClass;
        if (!IN_PROGRESS.get().add(beanClass)) {
            throw new UnsupportedOperationException("Cannot have circular references in bean class, but got the"
                    + " circular reference of class " + beanClass.getName());
        }
        try {
            if (beanClass.isRecord()) {
                RecordComponent[] components = beanClass.getRecordComponents();
                Class<?>[] types = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    types[i] = components[i].getType();
                    properties.add(property(components[i].getName(), types[i], components[i].getGenericType(),
                            components[i].getAccessor(), null));
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
                        properties.add(property(d.getName(), d.getPropertyType(),
                                d.getReadMethod().getGenericReturnType(), d.getReadMethod(), d.getWriteMethod()));
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
        } finally {
            IN_PROGRESS.get().remove(beanClass);
        }
        List<StructField> fields = new ArrayList<>();
        for (Property p : properties) {
            fields.add(new StructField(p.name(), p.codec().dataType(), !p.type().isPrimitive()));
        }
        this.schema = new StructType(fields);
    }

    private Property property(String name, Class<?> type, Type genericType, Method getter, Method setter) {
        getter.setAccessible(true);
        if (setter != null) {
            setter.setAccessible(true);
        }
        return new Property(name, type, getter, setter,
                JavaTypeCodec.of(genericType, "property " + name + " of " + beanClass.getName()));
    }

    /** The Java class of each column, in schema order (Spark's type path names them in errors). */
    List<Class<?>> propertyClasses() {
        return properties.stream().<Class<?>>map(Property::type).toList();
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
    public Row toRow(T value) {
        if (value == null) {
            return null;
        }
        Object[] out = new Object[properties.size()];
        for (int i = 0; i < out.length; i++) {
            Property p = properties.get(i);
            out[i] = p.codec().toExternal(invoke(p.getter(), value));
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
            values[i] = properties.get(i).codec().toJava(row.get(i));
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
}
