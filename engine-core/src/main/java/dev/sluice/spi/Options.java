package dev.sluice.spi;

import java.util.Map;

/** Case-insensitive option lookup, as Spark's {@code CaseInsensitiveMap}. */
public final class Options {
    private Options() {
    }

    public static String get(Map<String, String> options, String key, String defaultValue) {
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return defaultValue;
    }
}
