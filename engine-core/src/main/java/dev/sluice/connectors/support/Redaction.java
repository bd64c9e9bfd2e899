package dev.sluice.connectors.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets before connector options, URLs or messages are shown anywhere (progress, {@code explain()},
 * errors, logs), as Spark's {@code spark.redaction.regex}: option keys matching
 * {@code secret|password|token|access.key|sasl.jaas.config|ssl.*key} have their value replaced, and so do
 * {@code password=}/{@code pwd=} parameters, {@code user:password@} and Oracle's {@code user/password@} credentials
 * inside JDBC URLs. Since drivers quote pieces of a URL in their own words (MariaDB:
 * {@code Incorrect port value : <password>@127.0.0.1}), {@link #urlSecrets} lists the secrets a URL carries so
 * that {@link #scrub} can hide them wherever they appear. Shared by every connector (Kafka, JDBC). Stateless and
 * thread-safe.
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
    /** Oracle's {@code jdbc:oracle:thin:user/password@host}: a user and password right after a scheme colon. */
    private static final Pattern URL_SLASH_CREDENTIALS = Pattern.compile("(:[^/:@?;&\\s]+/)([^@/\\s]+)(@)");

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
        String withoutUserInfo = userInfo.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + REDACTED + m.group(3)));
        Matcher slash = URL_SLASH_CREDENTIALS.matcher(withoutUserInfo);
        return slash.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + REDACTED + m.group(3)));
    }

    /**
     * The secrets written inside {@code url} (the values {@link #redactUrl} hides: {@code password=} parameters,
     * {@code user:password@}, {@code user/password@}), to scrub from messages that quote parts of the URL.
     */
    public static List<String> urlSecrets(String url) {
        List<String> secrets = new ArrayList<>();
        if (url == null) {
            return secrets;
        }
        for (Pattern pattern : List.of(URL_USER_INFO, URL_SLASH_CREDENTIALS)) {
            Matcher m = pattern.matcher(url);
            while (m.find()) {
                secrets.add(m.group(2));
            }
        }
        Matcher parameters = URL_SECRET_PARAMETER.matcher(url);
        while (parameters.find()) {
            secrets.add(parameters.group(3));
        }
        secrets.removeIf(String::isEmpty);
        return secrets;
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
