package dev.sluice.stream;

/**
 * A lower bound of the eviction times (event time, or expiry) of the keys in one operator's state, so that
 * eviction scans the state only when some key may have expired rather than every batch. Unknown (so the
 * first eviction scans) when a query run starts, since it is not part of the checkpoint; exact after each
 * scan; lowered by every key the operator writes. Used by the query's execution thread only.
 */
final class EvictionBound {
    private long bound = Long.MIN_VALUE;

    /** A key with eviction time {@code micros} was written. */
    void added(long micros) {
        bound = Math.min(bound, micros);
    }

    /** Whether a key may have an eviction time at or before {@code watermarkMicros}. */
    boolean mayExpire(long watermarkMicros) {
        return bound <= watermarkMicros;
    }

    /** After a scan: {@code lowestRemaining} is the lowest eviction time left ({@link Long#MAX_VALUE} if none). */
    void scanned(long lowestRemaining) {
        bound = lowestRemaining;
    }
}
