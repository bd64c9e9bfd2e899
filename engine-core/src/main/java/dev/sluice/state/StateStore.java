package dev.sluice.state;

import java.util.Iterator;

/**
 * A versioned key-value store for one stateful operator partition, opened at a committed version by
 * {@link StateStoreProvider#getStore(long)}. Updates ({@link #put}, {@link #remove}) are visible to this
 * store's reads at once and become version {@code version() + 1} on {@link #commit()}; {@link #abort()}
 * discards them. Keys and values are opaque bytes (see {@link RowCodec} for the typed layer).
 *
 * <p>Guarantee after a crash: a version is either fully committed (durable under the checkpoint's
 * {@code state/<operator>/<partition>/} and loadable by a new provider) or absent; a batch re-run after a
 * crash loads the previous version and produces the same next version.
 *
 * <p>Threading: a store is used by one task thread at a time; no method is thread-safe.
 */
public interface StateStore {
    /** The committed version this store was loaded at (0 = empty, before the first commit). */
    long version();

    /** The value of {@code key}, or null. */
    byte[] get(byte[] key);

    /** Sets {@code key} to {@code value}. Neither may be null; the store copies neither, so don't reuse them. */
    void put(byte[] key, byte[] value);

    /** Removes {@code key} if present. */
    void remove(byte[] key);

    /** Every entry (in no defined order for the in-memory store; key order for RocksDB). */
    Iterator<KeyValue> iterator();

    /** The entries whose key starts with {@code prefix}. */
    Iterator<KeyValue> prefixScan(byte[] prefix);

    /**
     * Makes the updates durable as version {@code version() + 1} and returns it. The store cannot be used
     * afterwards.
     *
     * @throws StateStoreException when the version cannot be written (the previous version stays intact)
     */
    long commit();

    /**
     * The first half of {@link #commit()}, for commits that overlap the next version's work (the epochs of
     * {@code Trigger.RealTime}): captures this version's updates so that, once this returns, the provider may open
     * version {@code version() + 1} with {@link StateStoreProvider#getStore(long)} and update it while the returned
     * {@link Sealed#write()} makes version {@code version() + 1} durable, on any one thread. Until that write
     * returned, the version is not durable (a crash leaves the previous one as the latest); the caller must not
     * seal the next version before it returned. {@link #metrics()} may be read after this returns. The default
     * commits here and leaves nothing to write.
     *
     * @throws StateStoreException when the updates cannot be captured (the previous version stays intact)
     */
    default Sealed seal() {
        long next = commit();
        return () -> next;
    }

    /** The durable half of a {@linkplain #seal() sealed} version. */
    @FunctionalInterface
    interface Sealed {
        /**
         * Writes the sealed version's files and returns its number; called once, possibly from another thread
         * than the store's, while the provider may already serve the next version.
         *
         * @throws StateStoreException when the version cannot be written (it stays absent)
         */
        long write();
    }

    /** Discards the updates; the store cannot be used afterwards. Safe to call after a failed commit. */
    void abort();

    /** Sizes and timings of this store (after commit: of the committed version). */
    StateStoreMetrics metrics();
}
