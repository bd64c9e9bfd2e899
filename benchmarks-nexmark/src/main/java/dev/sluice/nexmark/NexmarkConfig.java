package dev.sluice.nexmark;

/**
 * The settings of one Nexmark event stream. Everything else (the 1:3:46 proportion of people, auctions and bids,
 * 1000 active people, 100 auctions in flight, the hot ratios 2/4/4, id leads of 10) is fixed by the published model
 * (the Beam and Flink Nexmark generators' defaults) and lives in {@link NexmarkGenerator}. Immutable.
 *
 * @param seed                 mixed into every event's random draws; the same seed gives the same stream
 * @param eventsPerSecond      event time advances {@code 1 / eventsPerSecond} s per event (Nexmark's
 *                             {@code firstEventRate}); the source also releases events at this pace when throttled
 * @param outOfOrderGroupSize  events are permuted within consecutive groups of this many (Nexmark's
 *                             {@code outOfOrderGroupSize}); 1 = in order. Event time is then at most
 *                             {@code (outOfOrderGroupSize - 1) / eventsPerSecond} s behind the latest seen
 * @param baseTimeMillis       the event time of event 0, epoch milliseconds
 */
public record NexmarkConfig(long seed, long eventsPerSecond, int outOfOrderGroupSize, long baseTimeMillis) {
    /** Nexmark's base time, 2015-07-15T00:00:00Z. */
    public static final long NEXMARK_BASE_TIME = 1_436_918_400_000L;

    public NexmarkConfig {
        if (eventsPerSecond <= 0 || eventsPerSecond > 1_000_000_000L) {
            throw new IllegalArgumentException("eventsPerSecond must be in [1, 1000000000], got " + eventsPerSecond);
        }
        // The permutation (n * 953) mod size is one-to-one only when 953 (a prime) does not divide the size.
        if (outOfOrderGroupSize <= 0 || outOfOrderGroupSize % 953 == 0) {
            throw new IllegalArgumentException("outOfOrderGroupSize must be positive and not a multiple of 953, got "
                    + outOfOrderGroupSize);
        }
    }

    /** Seed 0, 10 000 events/s, in order, from Nexmark's base time. */
    public static NexmarkConfig defaults() {
        return new NexmarkConfig(0, 10_000, 1, NEXMARK_BASE_TIME);
    }

    public NexmarkConfig withSeed(long newSeed) {
        return new NexmarkConfig(newSeed, eventsPerSecond, outOfOrderGroupSize, baseTimeMillis);
    }

    public NexmarkConfig withEventsPerSecond(long rate) {
        return new NexmarkConfig(seed, rate, outOfOrderGroupSize, baseTimeMillis);
    }

    public NexmarkConfig withOutOfOrderGroupSize(int size) {
        return new NexmarkConfig(seed, eventsPerSecond, size, baseTimeMillis);
    }

    public NexmarkConfig withBaseTimeMillis(long millis) {
        return new NexmarkConfig(seed, eventsPerSecond, outOfOrderGroupSize, millis);
    }

    /** The largest distance, in milliseconds, by which an event's time can trail an earlier event's. */
    public long maxOutOfOrdernessMillis() {
        return (outOfOrderGroupSize - 1) * 1000L / eventsPerSecond + 1;
    }
}
