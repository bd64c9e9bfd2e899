package dev.sluice.connectors.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets before connector options, URLs or messages are shown anywhere (progress, {@code explain()},
 * errors, logs), as Spark's {@code spark.redaction.regex}: option keys matching
 * {@code secret|password|token|access.key|sasl.jaas.config|ssl.*key} have their value replaced, and so do
 * {@code password=}/{@code pwd=} parameters and {@code user:password@} credentials inside JDBC URLs.
 * Shared by every connector (Kafka, JDBC). Stateless and thread-safe.
 */
public final class Redaction {
    /** What a hidden value is shown as (Spark's text). */
    public static final String REDACTED = "*********(redacted)";
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(secret|password|token|access[.]?key|sasl[.]jaas[.]config|ssl[.].*key|pwd).*");
    /** {@code password=...} up to the next parameter separator of any URL style ({@code & ; ? ) space}). */
    private static final Pattern URL_SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&;(\\s]|^)((?:[a-z._-]*password|pwd|secret|token)\\s*=\\s*)([^&;)\\s]*)");
    /** {@code //user:password@host}: the credentials part of an authority. */
    private static final Pattern URL_USER_INFO = Pattern.compile("(//[^/:@?;&\\s]*:)([^@/\\s]*)(@)");

    private Redaction() {
    }

    /** Whether the value of option {@code key} must never be shown. */
    public static boolean isSecret(String key) {
        return SECRET_KEY.matcher(key).matches();
    }

    /**
     * A copy of {@code options} (order kept) with secret values replaced by {@link #REDACTED}; values that
     * look like URLs have their embedded credentials hidden too.
     */
    public static Map<String, String> redact(Map<String, ?> options) {
        Map<String, String> out = new LinkedHashMap<>();
        options.forEach((k, v) -> out.put(k, isSecret(k) ? REDACTED : redactUrl(String.valueOf(v))));
        return out;
    }

    /**
     * {@code url} with every {@code password=}-style parameter and {@code user:password@} credential
     * replaced by {@link #REDACTED}; null stays null.
     */
    public static String redactUrl(String url) {
        if (url == null) {
            return null;
        }
        Matcher parameters = URL_SECRET_PARAMETER.matcher(url);
        String withoutParameters = parameters.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + REDACTED));
        Matcher userInfo = URL_USER_INFO.matcher(withoutParameters);
        return userInfo.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + REDACTED + m.group(3)));
    }

    /**
     * {@code text} (an error message from a driver, say) with each of {@code secrets} replaced by
     * {@link #REDACTED} and URL credentials hidden; empty or null secrets are ignored.
     */
    public static String scrub(String text, Iterable<String> secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                out = out.replace(secret, REDACTED);
            }
        }
        return redactUrl(out);
    }
}
