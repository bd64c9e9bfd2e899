package dev.sluice.exec.tws;

import dev.sluice.state.KeyValue;
import java.util.Iterator;

/**
 * The byte-keyed store a {@code transformWithState} batch reads and writes: a streaming query's partitioned
 * state store (committed with the batch) or a batch query's throw-away map. Used by one thread.
 */
public interface TwsStore {
    /** The value of {@code key}, or null. */
    byte[] get(byte[] key);

    /** Sets {@code key} (neither array is copied: don't reuse them). */
    void put(byte[] key, byte[] value);

    void remove(byte[] key);

    /** The entries whose key starts with {@code prefix}; don't update the store while iterating. */
    Iterator<KeyValue> prefixScan(byte[] prefix);
}
