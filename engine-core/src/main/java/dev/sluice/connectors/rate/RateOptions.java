package dev.sluice.connectors.rate;

import dev.sluice.conf.OptionValues;
import dev.sluice.spi.Options;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading the numeric options of the rate sources as Spark's {@code CaseInsensitiveStringMap.getLong/getInt} and
 * {@code JavaUtils.timeStringAsSec} do, with the option's name added to a parse error (Spark reports only the
 * bad text). The range checks, with Spark's messages, are in the providers. Every refusal is a
 * {@code SLUICE_INVALID_OPTION_VALUE} ({@link OptionValues}). Stateless.
 */
final class RateOptions {
    private static final Pattern TIME = Pattern.compile("(-?[0-9]+)([a-z]+)?");
    private static final Map<String, TimeUnit> TIME_SUFFIXES = Map.of("us", TimeUnit.MICROSECONDS,
            "ms", TimeUnit.MILLISECONDS, "s", TimeUnit.SECONDS, "m", TimeUnit.MINUTES, "min", TimeUnit.MINUTES,
            "h", TimeUnit.HOURS, "d", TimeUnit.DAYS);

    private RateOptions() {
    }

    static long getLong(Map<String, String> options, String key, long defaultValue) {
        String text = Options.get(options, key, null);
        return text == null ? defaultValue : parse(text, key, "a long", Long.MIN_VALUE, Long.MAX_VALUE);
    }

    static int getInt(Map<String, String> options, String key, int defaultValue) {
        String text = Options.get(options, key, null);
        return text == null ? defaultValue : (int) parse(text, key, "an integer", Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /**
     * Spark's range check: {@code value} must be positive, or with {@code zeroAllowed} non-negative.
     *
     * @throws dev.sluice.SluiceIllegalArgumentException {@code SLUICE_INVALID_OPTION_VALUE} with Spark's message, e.g. {@code Invalid value '0'. The option
     *         'rowsPerSecond' must be positive}
     */
    static <T extends Number> T check(T value, String key, boolean zeroAllowed) {
        long v = value.longValue();
        if (v < 0 || v == 0 && !zeroAllowed) {
            throw OptionValues.refused(key, "Invalid value '" + value + "'. The option '" + key + "' must be "
                    + (zeroAllowed ? "non-negative" : "positive"), null);
        }
        return value;
    }

    private static long parse(String text, String key, String kind, long min, long max) {
        try {
            long value = Long.parseLong(text);
            if (value < min || value > max) {
                throw new NumberFormatException(text);
            }
            return value;
        } catch (NumberFormatException e) {
            // Spark reports the bare NumberFormatException of parseLong/parseInt; Sluice names the option.
            throw OptionValues.refused(key, "For input string: \"" + OptionValues.shown(key, text) + "\" (the option '"
                    + key + "' must be " + kind + ")", e);
        }
    }

    /**
     * A duration option in whole seconds ({@code "5s"}, {@code "2min"}, {@code "1500ms"} = 1; a bare number is
     * seconds), finer units truncated, as Spark's {@code timeStringAsSec}.
     */
    static long getSeconds(Map<String, String> options, String key, long defaultValue) {
        String text = Options.get(options, key, null);
        if (text == null) {
            return defaultValue;
        }
        Matcher m = TIME.matcher(text.toLowerCase(Locale.ROOT).trim());
        text = OptionValues.shown(key, text);
        String problem;
        if (!m.matches()) {
            problem = "Failed to parse time string: " + text;
        } else if (m.group(2) != null && !TIME_SUFFIXES.containsKey(m.group(2))) {
            problem = "Invalid suffix: \"" + m.group(2) + "\"";
        } else {
            try {
                long value = Long.parseLong(m.group(1));
                TimeUnit unit = m.group(2) == null ? TimeUnit.SECONDS : TIME_SUFFIXES.get(m.group(2));
                return TimeUnit.SECONDS.convert(value, unit);
            } catch (NumberFormatException e) {
                problem = "Failed to parse time string: " + text;
            }
        }
        throw OptionValues.refused(key, "Time must be specified as seconds (s), milliseconds (ms), microseconds (us),"
                + " minutes (m or min), hour (h), or day (d). E.g. 50s, 100ms, or 250us.\n" + problem
                + " (option '" + key + "')", null);
    }
}
