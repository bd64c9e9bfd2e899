package dev.sluice.nexmark;

import dev.sluice.spi.Options;
import java.util.Locale;
import java.util.Map;

/**
 * The checked options of {@code format("nexmark")}; a bad value fails {@code load()} with a message naming the
 * option. Immutable.
 *
 * @param config              the stream (seed, rate, out-of-orderness, base time)
 * @param baseTimeIsNow       {@code baseTime=now}: the base time is taken when the query first starts
 * @param maxEvents           the stream ends after this many events
 * @param throttle            events become available at {@code eventsPerSecond} in wall-clock time (else all at
 *                            once)
 * @param maxEventsPerTrigger at most this many events per micro-batch ({@code Long.MAX_VALUE}: no limit)
 */
record NexmarkOptions(NexmarkConfig config, boolean baseTimeIsNow, long maxEvents, boolean throttle,
                      long maxEventsPerTrigger) {

    static NexmarkOptions parse(Map<String, String> options) {
        long rate = positiveLong(options, "eventsPerSecond", 10_000);
        long seed = longOption(options, "seed", 0);
        long maxEvents = positiveLong(options, "maxEvents", Long.MAX_VALUE);
        long perTrigger = positiveLong(options, "maxEventsPerTrigger", Long.MAX_VALUE);
        long groupSize = positiveLong(options, "outOfOrderGroupSize", 1);
        String base = Options.get(options, "baseTime", null);
        boolean now = base != null && base.trim().equalsIgnoreCase("now");
        long baseTime = base == null || now ? NexmarkConfig.NEXMARK_BASE_TIME : longOption(options, "baseTime", 0);
        String throttle = Options.get(options, "throttle", "true").trim().toLowerCase(Locale.ROOT);
        if (!throttle.equals("true") && !throttle.equals("false")) {
            throw new IllegalArgumentException("Invalid value '" + throttle + "' for option 'throttle' of the nexmark"
                    + " source: must be true or false");
        }
        if (groupSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Invalid value '" + groupSize + "' for option 'outOfOrderGroupSize'"
                    + " of the nexmark source: must be at most " + Integer.MAX_VALUE);
        }
        NexmarkConfig config;
        try {
            config = new NexmarkConfig(seed, rate, (int) groupSize, baseTime);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid options of the nexmark source: " + e.getMessage(), e);
        }
        return new NexmarkOptions(config, now, maxEvents, throttle.equals("true"), perTrigger);
    }

    private static long longOption(Map<String, String> options, String key, long defaultValue) {
        String text = Options.get(options, key, null);
        if (text == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid value '" + text + "' for option '" + key + "' of the nexmark"
                    + " source: not a whole number", e);
        }
    }

    private static long positiveLong(Map<String, String> options, String key, long defaultValue) {
        long value = longOption(options, key, defaultValue);
        if (value <= 0) {
            throw new IllegalArgumentException("Invalid value '" + value + "' for option '" + key + "' of the nexmark"
                    + " source: must be positive");
        }
        return value;
    }
}
