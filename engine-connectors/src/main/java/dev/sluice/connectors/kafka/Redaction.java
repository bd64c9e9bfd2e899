package dev.sluice.connectors.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Hides secret option values before options are shown anywhere (progress, {@code explain()}, errors,
 * logs), as Spark's {@code spark.redaction.regex} and its Kafka {@code sasl.jaas.config} redaction: keys
 * matching {@code secret|password|token|access.key|sasl.jaas.config|ssl.*key} have their value replaced.
 */
public final class Redaction {
    /** What a hidden value is shown as (Spark's text). */
    public static final String REDACTED = "*********(redacted)";
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(secret|password|token|access[.]?key|sasl[.]jaas[.]config|ssl[.].*key).*");

    private Redaction() {
    }

    /** Whether the value of option {@code key} must never be shown. */
    public static boolean isSecret(String key) {
        return SECRET_KEY.matcher(key).matches();
    }

    /** A copy of {@code options} (order kept) with secret values replaced by {@link #REDACTED}. */
    public static Map<String, String> redact(Map<String, ?> options) {
        Map<String, String> out = new LinkedHashMap<>();
        options.forEach((k, v) -> out.put(k, isSecret(k) ? REDACTED : String.valueOf(v)));
        return out;
    }
}
