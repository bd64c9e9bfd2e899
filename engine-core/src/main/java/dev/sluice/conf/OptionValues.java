package dev.sluice.conf;

import dev.sluice.SluiceIllegalArgumentException;
import dev.sluice.connectors.support.Redaction;
import java.util.Locale;
import java.util.Map;

/**
 * Reading and refusing the string options of sources, sinks, readers and writers, so that every invalid option is
 * the same kind of error: a {@link SluiceIllegalArgumentException} whose message names the option and its value
 * (the value of a secret option, e.g. {@code password} or {@code kafka.sasl.jaas.config}, is shown redacted; a very
 * long value is cut). Spark reports most of these through {@code require(...)} or a bare parse exception, without
 * an error class; Sluice uses its own conditions:
 * <ul>
 *   <li>{@value #INVALID_VALUE} (SQLSTATE 42616): the value cannot be parsed or is out of range;</li>
 *   <li>{@value #MISSING} (SQLSTATE 42616): a required option is not set;</li>
 *   <li>{@value #CONFLICT} (SQLSTATE 42613): options that cannot be used together.</li>
 * </ul>
 * Lookups are case-insensitive, as Spark's {@code CaseInsensitiveStringMap}. Stateless and thread-safe.
 */
public final class OptionValues {
    /** A value that cannot be parsed or is out of range. */
    public static final String INVALID_VALUE = "SLUICE_INVALID_OPTION_VALUE";
    /** A required option that is not set. */
    public static final String MISSING = "SLUICE_MISSING_OPTION";
    /** Options that exclude each other. */
    public static final String CONFLICT = "SLUICE_CONFLICTING_OPTIONS";
    private static final int MAX_SHOWN = 200;

    private OptionValues() {
    }

    /**
     * {@code value}, checked not to be null: Spark's {@code NULL_DATA_SOURCE_OPTION} (SQLSTATE 22024) names
     * {@code key} otherwise. Readers and writers call it in {@code option(key, value)}, so a null is refused where it
     * is given.
     */
    public static String requireValue(String key, String value) {
        if (value == null) {
            throw new SluiceIllegalArgumentException("NULL_DATA_SOURCE_OPTION", "Data source read/write option "
                    + key + " cannot have null value.", "22024");
        }
        return value;
    }

    /** {@code Invalid value '<value>' for option '<option>': <expected>}. */
    public static SluiceIllegalArgumentException invalid(String option, String value, String expected) {
        return refused(option, "Invalid value " + quoted(option, value) + " for option '" + option + "': " + expected,
                null);
    }

    /**
     * A refused value of {@code option} with a whole {@code message} (Spark's own text where it has one), which must
     * name the option; {@code cause} may be null.
     */
    public static SluiceIllegalArgumentException refused(String option, String message, Throwable cause) {
        return new SluiceIllegalArgumentException(INVALID_VALUE, message, "42616", cause);
    }

    /** A required option is not set; {@code message} names it (Spark's text where it has one). */
    public static SluiceIllegalArgumentException missing(String message) {
        return new SluiceIllegalArgumentException(MISSING, message, "42616");
    }

    /** Spark's {@code _LEGACY_ERROR_TEMP_2047}: a file source or sink without the {@code path} option. */
    public static SluiceIllegalArgumentException pathNotSpecified() {
        return new SluiceIllegalArgumentException("_LEGACY_ERROR_TEMP_2047", "'path' is not specified.", null);
    }

    /**
     * Spark's {@code CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION} (SQLSTATE 56038) for the codec named by
     * {@code option}, e.g. {@code compression}.
     */
    public static SluiceIllegalArgumentException codecNotAvailable(String option, String codec, String available) {
        return new SluiceIllegalArgumentException("CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION", "The codec "
                + shown(option, codec) + " is not available. Available codecs are " + available + ". (option '"
                + option + "')", "56038");
    }

    /** Options that cannot be used together; {@code message} names them. */
    public static SluiceIllegalArgumentException conflict(String message) {
        return new SluiceIllegalArgumentException(CONFLICT, message, "42613");
    }

    /**
     * {@code value} in single quotes as it may appear in a message: {@code *********(redacted)} for a secret
     * option, cut after 200 characters, null as {@code null}.
     */
    public static String quoted(String option, String value) {
        return value == null ? "null" : "'" + shown(option, value) + "'";
    }

    /** {@code value} as it may appear in a message (see {@link #quoted}), without quotes. */
    public static String shown(String option, String value) {
        if (value == null) {
            return "null";
        }
        if (option != null && Redaction.isSecret(option)) {
            return Redaction.REDACTED;
        }
        String text = Redaction.redactUrl(value);
        return text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "...(" + text.length() + " characters)"
                : text;
    }

    /**
     * {@code text} (e.g. a library's message about {@code value}) with the credentials {@code value} carries as a URL
     * hidden wherever they appear, even in a form the library rewrote.
     */
    public static String scrub(String text, String value) {
        return Redaction.scrub(text, value == null ? java.util.List.of() : Redaction.urlSecrets(value));
    }

    /** The value of {@code key} (case-insensitive), or {@code defaultValue}. */
    public static String get(Map<String, String> options, String key, String defaultValue) {
        String exact = options.get(key);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return defaultValue;
    }

    /** An {@code int} option (surrounding blanks ignored). */
    public static int getInt(Map<String, String> options, String key, int defaultValue) {
        String value = get(options, key, null);
        return value == null ? defaultValue : parseInt(key, value);
    }

    /** A {@code long} option (surrounding blanks ignored). */
    public static long getLong(Map<String, String> options, String key, long defaultValue) {
        String value = get(options, key, null);
        return value == null ? defaultValue : parseLong(key, value);
    }

    /** A {@code double} option. */
    public static double getDouble(Map<String, String> options, String key, double defaultValue) {
        String value = get(options, key, null);
        return value == null ? defaultValue : parseDouble(key, value);
    }

    /** A {@code true}/{@code false} option, case-insensitive. */
    public static boolean getBoolean(Map<String, String> options, String key, boolean defaultValue) {
        String value = get(options, key, null);
        return value == null ? defaultValue : parseBoolean(key, value);
    }

    public static int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, value, "expected an integer");
        }
    }

    public static long parseLong(String key, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, value, "expected a long");
        }
    }

    public static double parseDouble(String key, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, value, "expected a number");
        }
    }

    public static boolean parseBoolean(String key, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, value, "expected true or false");
        };
    }

    /** {@code value} when it is at least {@code min}, else an error naming the option and the bound. */
    public static long atLeast(String key, long value, long min) {
        if (value < min) {
            throw invalid(key, Long.toString(value), "must be " + (min == 1 ? "positive" : min == 0 ? "non-negative"
                    : "at least " + min));
        }
        return value;
    }

    /**
     * A time-zone option as Spark's {@code getZoneId} reads it (region ids, offsets, Java's short ids such as
     * {@code PST}); an unknown zone is Spark's {@code INVALID_TIMEZONE} (SQLSTATE 22009) with the option's name added.
     */
    public static java.time.ZoneId zone(String option, String value) {
        try {
            return parseZone(value);
        } catch (java.time.DateTimeException e) {
            throw new SluiceIllegalArgumentException("INVALID_TIMEZONE", "The timezone: " + shown(option, value)
                    + " is invalid. The timezone must be either a region-based zone ID or a zone offset. Region IDs"
                    + " must have the form 'area/city', such as 'America/Los_Angeles'. Zone offsets must be in the"
                    + " format '(+|-)HH', '(+|-)HH:mm' or '(+|-)HH:mm:ss', e.g '-08' , '+01:00' or '-13:33:33', and"
                    + " must be in the range from -18:00 to +18:00. 'Z' and 'UTC' are accepted as synonyms for"
                    + " '+00:00'. (option '" + option + "')", "22009", e);
        }
    }

    /** Spark's zone parsing: {@code +h:mm} and {@code +hh:m} padded, short ids allowed; DateTimeException if none. */
    public static java.time.ZoneId parseZone(String value) {
        String id = value.replaceFirst("(\\+|-)(\\d):", "$10$2:").replaceFirst("(\\+|-)(\\d\\d):(\\d)$", "$1$2:0$3");
        return java.time.ZoneId.of(id, java.time.ZoneId.SHORT_IDS);
    }
}
