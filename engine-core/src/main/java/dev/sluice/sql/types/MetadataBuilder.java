package dev.sluice.sql.types;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a {@link Metadata}, as Spark's {@code MetadataBuilder}: {@code new MetadataBuilder().putString("comment",
 * "id").putLong("scale", 2).build()}. A later put of the same key replaces the value. Not thread-safe (a builder).
 */
public final class MetadataBuilder {
    private final Map<String, Object> map = new LinkedHashMap<>();

    /** Adds every entry of {@code metadata}. */
    public MetadataBuilder withMetadata(Metadata metadata) {
        map.putAll(metadata.map());
        return this;
    }

    MetadataBuilder put(String key, Object value) {
        map.put(Objects.requireNonNull(key, "key is null"), value);
        return this;
    }

    public MetadataBuilder putNull(String key) {
        return put(key, null);
    }

    public MetadataBuilder putLong(String key, long value) {
        return put(key, value);
    }

    public MetadataBuilder putDouble(String key, double value) {
        return put(key, value);
    }

    public MetadataBuilder putBoolean(String key, boolean value) {
        return put(key, value);
    }

    public MetadataBuilder putString(String key, String value) {
        return put(key, value);
    }

    public MetadataBuilder putMetadata(String key, Metadata value) {
        return put(key, value);
    }

    public MetadataBuilder putLongArray(String key, long[] value) {
        return put(key, value.clone());
    }

    public MetadataBuilder putDoubleArray(String key, double[] value) {
        return put(key, value.clone());
    }

    public MetadataBuilder putBooleanArray(String key, boolean[] value) {
        return put(key, value.clone());
    }

    public MetadataBuilder putStringArray(String key, String[] value) {
        return put(key, value.clone());
    }

    public MetadataBuilder putMetadataArray(String key, Metadata[] value) {
        return put(key, value.clone());
    }

    public MetadataBuilder remove(String key) {
        map.remove(key);
        return this;
    }

    public Metadata build() {
        return new Metadata(map);
    }
}
