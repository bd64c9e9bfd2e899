package dev.sluice.sql;

import dev.sluice.sql.types.StructType;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

/**
 * One row of a result, with Spark's Java accessors. Values are external Java objects: Integer, Long,
 * Double, Float, Short, Byte, Boolean, String, BigDecimal, byte[], {@link java.sql.Date},
 * {@link java.sql.Timestamp}, {@link Row} for structs, {@link List} for arrays, {@link Map} for maps, or
 * null. Rows are immutable and safe to share between threads.
 */
public interface Row {
    /** Number of fields. */
    int size();

    /** The value at {@code i} (null for SQL NULL). */
    Object get(int i);

    /** The schema when the row came from a Dataset, else null. */
    StructType schema();

    default int length() {
        return size();
    }

    default boolean isNullAt(int i) {
        return get(i) == null;
    }

    @SuppressWarnings("unchecked")
    default <T> T getAs(int i) {
        return (T) get(i);
    }

    /** The value of the field named {@code fieldName}; needs a schema. */
    default <T> T getAs(String fieldName) {
        return getAs(fieldIndex(fieldName));
    }

    /** Index of a field by name; {@link IllegalArgumentException} if absent or the row has no schema. */
    default int fieldIndex(String name) {
        if (schema() == null) {
            throw new UnsupportedOperationException("fieldIndex on a Row without schema is undefined.");
        }
        return schema().fieldIndex(name);
    }

    private <T> T nonNull(int i, Class<T> type) {
        Object v = get(i);
        if (v == null) {
            throw new NullPointerException("Value at index " + i + " is null");
        }
        return type.cast(v);
    }

    default boolean getBoolean(int i) {
        return nonNull(i, Boolean.class);
    }

    default byte getByte(int i) {
        return nonNull(i, Byte.class);
    }

    default short getShort(int i) {
        return nonNull(i, Short.class);
    }

    default int getInt(int i) {
        return nonNull(i, Integer.class);
    }

    default long getLong(int i) {
        return nonNull(i, Long.class);
    }

    default float getFloat(int i) {
        return nonNull(i, Float.class);
    }

    default double getDouble(int i) {
        return nonNull(i, Double.class);
    }

    default String getString(int i) {
        return (String) get(i);
    }

    default BigDecimal getDecimal(int i) {
        return (BigDecimal) get(i);
    }

    default Date getDate(int i) {
        return (Date) get(i);
    }

    default Timestamp getTimestamp(int i) {
        return (Timestamp) get(i);
    }

    /** A date value as a {@link java.time.LocalDate} (Sluice rows hold {@link Date}s; both forms are accepted). */
    default java.time.LocalDate getLocalDate(int i) {
        Object v = get(i);
        return v instanceof Date d ? d.toLocalDate() : (java.time.LocalDate) v;
    }

    /** A timestamp value as an {@link java.time.Instant} (Sluice rows hold {@link Timestamp}s; both are accepted). */
    default java.time.Instant getInstant(int i) {
        Object v = get(i);
        return v instanceof Timestamp t ? t.toInstant() : (java.time.Instant) v;
    }

    default Row getStruct(int i) {
        return (Row) get(i);
    }

    @SuppressWarnings("unchecked")
    default <T> List<T> getList(int i) {
        return (List<T>) get(i);
    }

    @SuppressWarnings("unchecked")
    default <K, V> Map<K, V> getJavaMap(int i) {
        return (Map<K, V>) get(i);
    }

    /** True when some field is null. */
    default boolean anyNull() {
        for (int i = 0; i < size(); i++) {
            if (get(i) == null) {
                return true;
            }
        }
        return false;
    }

    /** Values joined by {@code sep}, Spark's {@code mkString}. */
    default String mkString(String sep) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size(); i++) {
            if (i > 0) {
                sb.append(sep);
            }
            sb.append(get(i));
        }
        return sb.toString();
    }
}
