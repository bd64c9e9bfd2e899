package dev.sluice.expr;

import dev.sluice.batch.ColumnVector;
import dev.sluice.sql.SluiceException;
import java.nio.ByteBuffer;

/**
 * Map key rules shared by the map functions, as Spark's {@code ArrayBasedMapBuilder} applies them under the default
 * {@code spark.sql.mapKeyDedupPolicy=EXCEPTION}: a null key fails with {@code NULL_MAP_KEY}, a repeated key with
 * {@code DUPLICATED_MAP_KEY}; {@code -0.0} equals {@code 0.0} and NaN equals NaN. Stateless.
 */
public final class MapKeys {
    private MapKeys() {
    }

    /** A value usable as a hash key with Spark's key equality. */
    public static Object normalized(Object key) {
        if (key instanceof byte[] bytes) {
            return ByteBuffer.wrap(bytes);
        }
        if (key instanceof Double d && d == 0.0d) {
            return 0.0d;
        }
        if (key instanceof Float f && f == 0.0f) {
            return 0.0f;
        }
        return key;
    }

    /** Throws {@code NULL_MAP_KEY} when slot {@code i} of {@code keys} is null. */
    public static void checkNotNull(ColumnVector keys, int i) {
        if (keys.isNull(i)) {
            throw new SluiceException("NULL_MAP_KEY", "Cannot use null as map key.", "2200E", null);
        }
    }

    /**
     * Checks the keys {@code [from, to)} of one map: none null, no two equal. {@code seen} is scratch space,
     * cleared first.
     */
    public static void checkEntries(ColumnVector keys, int from, int to, java.util.Set<Object> seen) {
        seen.clear();
        for (int i = from; i < to; i++) {
            checkNotNull(keys, i);
            Object key = keys.getObject(i);
            if (!seen.add(normalized(key))) {
                throw duplicate(key);
            }
        }
    }

    public static SluiceException duplicate(Object key) {
        return new SluiceException("DUPLICATED_MAP_KEY", "Duplicate map key " + render(key) + " was found, please"
                + " check the input data.\nIf you want to remove the duplicated keys, you can set"
                + " \"spark.sql.mapKeyDedupPolicy\" to \"LAST_WIN\" so that the key inserted at last takes"
                + " precedence.", "23505", null);
    }

    private static String render(Object key) {
        return key instanceof byte[] bytes ? java.util.Arrays.toString(bytes) : String.valueOf(key);
    }
}
