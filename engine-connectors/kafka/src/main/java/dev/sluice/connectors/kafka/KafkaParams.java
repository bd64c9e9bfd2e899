package dev.sluice.connectors.kafka;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Extracts the {@code kafka.*} options passed through to Kafka clients. Stateless. */
final class KafkaParams {
    static final String PREFIX = "kafka.";

    private KafkaParams() {
    }

    /** The {@code kafka.}-prefixed options with the prefix removed (rest of the key as given). */
    static Map<String, Object> clientProperties(Map<String, String> options) {
        Map<String, Object> out = new LinkedHashMap<>();
        options.forEach((k, v) -> {
            if (k.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
                out.put(k.substring(PREFIX.length()), v);
            }
        });
        return out;
    }

    /** The client property {@code name} (case-insensitive), or null. */
    static Object get(Map<String, Object> properties, String name) {
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Requires {@code kafka.bootstrap.servers}. */
    static void requireBootstrapServers(Map<String, Object> properties, String client) {
        Object servers = get(properties, "bootstrap.servers");
        if (servers == null || servers.toString().isBlank()) {
            throw KafkaErrors.invalidOption("Option 'kafka.bootstrap.servers' must be specified for configuring Kafka "
                    + client + ".");
        }
    }

    /** Rejects a Kafka property the connector sets itself, explaining what to use instead. */
    static void reject(Map<String, Object> properties, String name, String instead) {
        if (get(properties, name) != null) {
            throw KafkaErrors.invalidOption("Kafka option '" + name + "' is not supported" + (instead.isEmpty() ? "."
                    : ": " + instead));
        }
    }

    /** Parses a duration like Spark's {@code timeStringAsMs}: {@code 500ms}, {@code 10s}, {@code 15m}, {@code 1h}. */
    static long durationMs(String text, String option) {
        String s = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == 0) {
            throw KafkaErrors.invalidOption("Option '" + option + "' must be a duration like 500ms, 10s, 15m or 1h, got '"
                    + text + "'.");
        }
        long n = Long.parseLong(s.substring(0, i));
        String unit = s.substring(i);
        return switch (unit) {
            case "ms", "" -> n;
            case "s", "sec", "second", "seconds" -> n * 1000;
            case "m", "min", "minute", "minutes" -> n * 60_000;
            case "h", "hour", "hours" -> n * 3_600_000;
            case "d", "day", "days" -> n * 86_400_000;
            default -> throw KafkaErrors.invalidOption("Option '" + option + "' has an unknown time unit '" + unit
                    + "' in '" + text + "'.");
        };
    }
}
