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

    /**
     * Parses the client properties as the Kafka {@code client} ("consumer" or "producer") will (types, ranges, class
     * names; Kafka's own ConfigDef, which neither connects nor logs), so that a bad {@code kafka.*} option is refused
     * when the query is defined, with {@code KAFKA_INVALID_OPTION} naming it, instead of a raw
     * {@code ConfigException} when the client is created. Values of secret options never appear in the message.
     */
    static void validate(Map<String, Object> properties, String client) {
        Map<String, Object> props = new java.util.HashMap<>(properties);
        try {
            if (client.equals("producer")) {
                props.put("key.serializer", org.apache.kafka.common.serialization.ByteArraySerializer.class.getName());
                props.put("value.serializer", org.apache.kafka.common.serialization.ByteArraySerializer.class.getName());
                org.apache.kafka.clients.producer.ProducerConfig.configDef().parse(props);
            } else {
                props.put("key.deserializer",
                        org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName());
                props.put("value.deserializer",
                        org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName());
                org.apache.kafka.clients.consumer.ConsumerConfig.configDef().parse(props);
            }
        } catch (org.apache.kafka.common.KafkaException e) { // ConfigException, or a class that cannot be loaded
            java.util.List<String> secrets = new java.util.ArrayList<>();
            properties.forEach((k, v) -> {
                if (dev.sluice.connectors.support.Redaction.isSecret(k) && v != null && !v.toString().isEmpty()) {
                    secrets.add(v.toString());
                }
            });
            throw KafkaErrors.invalidOption("A kafka.* option is not valid for the Kafka " + client + ": "
                    + dev.sluice.connectors.support.Redaction.scrub(String.valueOf(e.getMessage()), secrets));
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
        String unit = s.substring(i);
        long factor = switch (unit) {
            case "ms", "" -> 1;
            case "s", "sec", "second", "seconds" -> 1000;
            case "m", "min", "minute", "minutes" -> 60_000;
            case "h", "hour", "hours" -> 3_600_000;
            case "d", "day", "days" -> 86_400_000;
            default -> throw KafkaErrors.invalidOption("Option '" + option + "' has an unknown time unit '" + unit
                    + "' in '" + text + "'.");
        };
        try {
            return Math.multiplyExact(Long.parseLong(s.substring(0, i)), factor);
        } catch (NumberFormatException | ArithmeticException e) {
            throw KafkaErrors.invalidOption("Option '" + option + "' is out of range: '" + text + "'.");
        }
    }
}
