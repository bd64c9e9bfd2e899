package dev.sluice.nexmark;

/**
 * SplitMix64 draws for one event, seeded from the stream's seed and the event's number, so that any event can be
 * made alone (the source reads any offset range, in any order, with the same result). Not thread-safe: one
 * instance per event being made.
 */
final class EventRandom {
    private long state;

    EventRandom(long seed, long eventNumber) {
        state = mix(seed * 0x9E3779B97F4A7C15L + eventNumber);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** Uniform in {@code [0, bound)}; {@code bound > 0}. */
    long nextLong(long bound) {
        return Math.floorMod(nextLong(), bound);
    }

    int nextInt(int bound) {
        return (int) nextLong(bound);
    }

    /** Uniform in {@code [0, 1)}. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }
}
