package dev.sluice.sql.types;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Metadata of a {@link StructField}, as Spark's {@code org.apache.spark.sql.types.Metadata}: a map from string keys
 * to values of type long, double, boolean, string, Metadata, or arrays of one of these (or null), built with
 * {@link MetadataBuilder}. {@link #json()} renders it in insertion order; {@link #fromJson} parses it back (JSON
 * integers become longs, other numbers doubles, an empty array an empty long array). Getters of a missing key
 * throw {@link NoSuchElementException} ({@code key not found: k}), as Scala's map does in Spark. Immutable and
 * thread-safe. Sluice keeps metadata on the fields of a schema given to it (e.g. {@code createDataFrame}); it is
 * not yet carried through projections into derived schemas.
 */
public final class Metadata implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final Metadata EMPTY = new Metadata(Map.of());

    private final Map<String, Object> map;

    Metadata(Map<String, Object> map) {
        this.map = Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** The empty metadata. */
    public static Metadata empty() {
        return EMPTY;
    }

    /** Parses the JSON of {@link #json()}. */
    public static Metadata fromJson(String json) {
        return MetadataJson.parse(json);
    }

    public boolean contains(String key) {
        return map.containsKey(key);
    }

    public long getLong(String key) {
        return get(key, Long.class);
    }

    public double getDouble(String key) {
        return get(key, Double.class);
    }

    public boolean getBoolean(String key) {
        return get(key, Boolean.class);
    }

    public String getString(String key) {
        return get(key, String.class);
    }

    public Metadata getMetadata(String key) {
        return get(key, Metadata.class);
    }

    public long[] getLongArray(String key) {
        return get(key, long[].class).clone();
    }

    public double[] getDoubleArray(String key) {
        return get(key, double[].class).clone();
    }

    public boolean[] getBooleanArray(String key) {
        return get(key, boolean[].class).clone();
    }

    public String[] getStringArray(String key) {
        return get(key, String[].class).clone();
    }

    public Metadata[] getMetadataArray(String key) {
        return get(key, Metadata[].class).clone();
    }

    private <T> T get(String key, Class<T> type) {
        if (!map.containsKey(key)) {
            throw new NoSuchElementException("key not found: " + key);
        }
        Object v = map.get(key);
        if (!type.isInstance(v)) {
            throw new ClassCastException("Metadata value of " + key + " is " + (v == null ? "null" : v.getClass()
                    .getSimpleName()) + ", not " + type.getSimpleName());
        }
        return type.cast(v);
    }

    /** The entries, in insertion order (read-only; for {@link MetadataBuilder#withMetadata}). */
    Map<String, Object> map() {
        return map;
    }

    /** Compact JSON, as Spark's: {@code {"comment":"id","scale":2}}. */
    public String json() {
        return MetadataJson.render(this);
    }

    @Override
    public String toString() {
        return json();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Metadata m) || m.map.size() != map.size()) {
            return false;
        }
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (!m.map.containsKey(e.getKey()) || !Arrays.deepEquals(new Object[] {e.getValue()},
                    new Object[] {m.map.get(e.getKey())})) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (Map.Entry<String, Object> e : map.entrySet()) {
            h += e.getKey().hashCode() ^ Arrays.deepHashCode(new Object[] {e.getValue()});
        }
        return h;
    }
}
