package dev.sluice.stream;

import dev.sluice.state.ByteKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An in-memory secondary index of one stream-stream join side's stored rows by eviction time, so that eviction
 * visits only the join keys that may hold an expired row instead of scanning the whole store: eviction times
 * are grouped in buckets of {@link #BUCKET_MICROS}, each bucket holding the join keys that have (or had) a row
 * with a time in it. Rows without an eviction time (NULL) are never evicted and never indexed.
 *
 * <p>Guarantee: every stored row of the side with eviction time {@code t} has its key in bucket
 * {@code floorDiv(t, BUCKET_MICROS)} (a superset is harmless: a visited key's rows are tested one by one). The
 * index is not persisted: it is rebuilt from the store by one scan when the operator (re)starts, or when the
 * state it was kept for is not the one the batch reads ({@link #validAt}). Used by the query's execution thread
 * only.
 */
final class JoinEvictionIndex {
    /** Width of a time bucket: one second of event time. */
    static final long BUCKET_MICROS = 1_000_000L;

    private final TreeMap<Long, Set<ByteKey>> buckets = new TreeMap<>();
    /** The state version the index described at the end of the last batch; -2: never built. */
    private long syncedVersion = -2;

    /** The last (bucket, key) added, so a run of rows of one key and second (a window's rows) costs one insert. */
    private long lastBucket;
    private ByteKey lastKey;

    /** Records that {@code key} holds a row with eviction time {@code micros} ({@link Long#MAX_VALUE}: none). */
    void add(long micros, ByteKey key) {
        if (micros != Long.MAX_VALUE) {
            long bucket = Math.floorDiv(micros, BUCKET_MICROS);
            if (bucket == lastBucket && key.equals(lastKey)) {
                return;
            }
            buckets.computeIfAbsent(bucket, b -> new LinkedHashSet<>()).add(key);
            lastBucket = bucket;
            lastKey = key;
        }
    }

    /** Whether some indexed row may have an eviction time at or before {@code watermarkMicros}. */
    boolean mayExpire(long watermarkMicros) {
        return !buckets.isEmpty() && buckets.firstKey() <= Math.floorDiv(watermarkMicros, BUCKET_MICROS);
    }

    /** The keys that may hold a row with eviction time at or before {@code watermarkMicros}, each once, by bucket. */
    List<ByteKey> candidates(long watermarkMicros) {
        Set<ByteKey> out = new LinkedHashSet<>();
        for (Set<ByteKey> keys : buckets.headMap(Math.floorDiv(watermarkMicros, BUCKET_MICROS), true).values()) {
            out.addAll(keys);
        }
        return new ArrayList<>(out);
    }

    /**
     * After every row at or before {@code watermarkMicros} of the {@link #candidates} was removed: drops the
     * buckets lying wholly at or before it, and from the bucket it falls in the keys left without rows
     * ({@code emptied}).
     */
    void evicted(long watermarkMicros, Set<ByteKey> emptied) {
        lastKey = null; // the last key added may be dropped below
        long last = Math.floorDiv(watermarkMicros, BUCKET_MICROS);
        boolean lastWhole = last * BUCKET_MICROS + BUCKET_MICROS - 1 <= watermarkMicros;
        Iterator<Map.Entry<Long, Set<ByteKey>>> it = buckets.headMap(last, true).entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Set<ByteKey>> e = it.next();
            if (e.getKey() < last || lastWhole) {
                it.remove();
            } else {
                e.getValue().removeAll(emptied);
                if (e.getValue().isEmpty()) {
                    it.remove();
                }
            }
        }
    }

    /** Forgets everything (before a rebuild). */
    void clear() {
        buckets.clear();
        lastKey = null;
        syncedVersion = -2;
    }

    /** Whether the index describes the state a batch reading {@code version} begins with (or continues). */
    boolean validAt(long version) {
        return syncedVersion == version || syncedVersion + 1 == version;
    }

    /** The batch reading {@code version} was processed with the index kept up to date. */
    void synced(long version) {
        syncedVersion = version;
    }

    /** The number of (bucket, key) entries, for tests. */
    int entries() {
        return buckets.values().stream().mapToInt(Set::size).sum();
    }
}
