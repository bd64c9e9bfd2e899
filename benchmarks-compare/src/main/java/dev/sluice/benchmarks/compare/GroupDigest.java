package dev.sluice.benchmarks.compare;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The final result of the W1/W2 aggregation as written by an update-mode sink: for each (window start, key) the
 * last emitted (count, sum), which is the group's final value when no row was dropped as late. Two engines
 * computed the same result exactly when their {@link #summary()}s are equal. Thread-safe (sinks call
 * {@link #add} from the query's thread while the test reads).
 */
public final class GroupDigest {
    private final Map<Long, Map<Long, long[]>> groups = new HashMap<>();

    /** Records the group's latest value; later batches overwrite earlier ones. */
    public synchronized void add(long windowStartSeconds, long key, long count, long sum) {
        groups.computeIfAbsent(windowStartSeconds, w -> new HashMap<>()).put(key, new long[] {count, sum});
    }

    /** Number of groups, total count, total sum and an order-independent hash of every (group, value). */
    public synchronized String summary() {
        long groupCount = 0;
        long totalCount = 0;
        long totalSum = 0;
        long hash = 0;
        for (var window : new TreeMap<>(groups).entrySet()) {
            for (var group : window.getValue().entrySet()) {
                long[] value = group.getValue();
                groupCount++;
                totalCount += value[0];
                totalSum += value[1];
                hash += mix(window.getKey() * 31 + group.getKey(), value[0] * 1_000_003L + value[1]);
            }
        }
        return "groups=" + groupCount + " count=" + totalCount + " sum=" + totalSum + " hash=" + Long.toHexString(hash);
    }

    private static long mix(long a, long b) {
        long h = a * 0x9E3779B97F4A7C15L ^ b;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 29);
    }
}
