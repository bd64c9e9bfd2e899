package dev.sluice.state.rocksdb;

import java.util.Arrays;

/**
 * What one RocksDB store version has already learned about whether keys exist: an open-addressing table
 * from key content to present/absent, filled by the store's gets, puts, removes and scans. It lets
 * {@code put} and {@code remove} keep {@code numKeys} exact without a second native lookup for a key the
 * operator has just read (the streaming aggregation gets every key, then puts it; eviction scans, then
 * removes).
 *
 * <p>The table holds only key arrays it may keep: the caller's {@code put} keys (the SPI says the store copies
 * them not, so they are not reused) and copies of every other key. Memory is bounded: once the recorded key
 * bytes pass a budget, nothing more is recorded and lookups of unrecorded keys answer {@link #UNKNOWN} (the
 * store then asks RocksDB). Scans record under a smaller budget of their own so that a scan of a large state
 * does not fill the heap. Lives in the heap only; nothing of it survives a crash (nor needs to). Not
 * thread-safe: owned by one store.
 */
final class KeyPresence {
    /** Not recorded: ask the database. */
    static final byte UNKNOWN = 0;
    static final byte ABSENT = 1;
    static final byte PRESENT = 2;
    /** Flag on a recorded state: this version wrote (put or removed) the key. */
    private static final byte WRITTEN = 4;
    /** Per-entry overhead charged to the budget on top of the key bytes (array header, slot arrays). */
    private static final int ENTRY_OVERHEAD = 32;

    private final long maxBytes;
    private final long maxScanBytes;
    private byte[][] keys = new byte[64][];
    private int[] hashes = new int[64];
    private byte[] states = new byte[64];
    private int size;
    private long bytes;
    private long scanBytes;
    /** Whether a record was ever refused for the budget (then an unrecorded key may have been written). */
    private boolean dropped;

    /**
     * @param maxBytes budget of recorded key bytes (plus overhead) over all records
     * @param maxScanBytes budget of the part recorded by scans
     */
    KeyPresence(long maxBytes, long maxScanBytes) {
        this.maxBytes = maxBytes;
        this.maxScanBytes = maxScanBytes;
    }

    /** {@link #PRESENT}, {@link #ABSENT} or {@link #UNKNOWN}. */
    byte lookup(byte[] key) {
        int i = find(key);
        return i < 0 ? UNKNOWN : (byte) (states[i] & ~WRITTEN);
    }

    /**
     * Whether this version may have written {@code key}: false only when the key is recorded as read or
     * scanned and not written, or is unrecorded while nothing was ever refused (so it was never written).
     * A store reads such a key from the database alone, skipping its write batch.
     */
    boolean mayBeWritten(byte[] key) {
        int i = find(key);
        return i < 0 ? dropped : (states[i] & WRITTEN) != 0;
    }

    /** The slot holding {@code key}, or -1. */
    private int find(byte[] key) {
        int h = Arrays.hashCode(key);
        int mask = keys.length - 1;
        for (int i = slot(h) & mask; ; i = (i + 1) & mask) {
            byte[] k = keys[i];
            if (k == null) {
                return -1;
            }
            if (hashes[i] == h && (k == key || Arrays.equals(k, key))) {
                return i;
            }
        }
    }

    /** Records what a read found for a key the caller may modify afterwards (a copy is kept). */
    void recordRead(byte[] key, boolean present) {
        insert(key, present ? PRESENT : ABSENT, true, true);
    }

    /**
     * Records a write of {@code key}; with {@code copy} false the table keeps the caller's array, which must
     * then never change (the SPI's rule for put keys).
     */
    void recordWrite(byte[] key, boolean present, boolean copy) {
        insert(key, (byte) ((present ? PRESENT : ABSENT) | WRITTEN), true, copy);
    }

    /**
     * Records that a scan saw {@code key} (a copy is kept) unless the table already knows the key: a scan
     * reads a snapshot, so what this store's own writes recorded is newer.
     */
    void recordScanned(byte[] key) {
        if (scanBytes < maxScanBytes) {
            long before = bytes;
            insert(key, PRESENT, false, true);
            scanBytes += bytes - before;
        }
    }

    private void insert(byte[] key, byte state, boolean overwrite, boolean copy) {
        int h = Arrays.hashCode(key);
        int mask = keys.length - 1;
        int i = slot(h) & mask;
        for (; keys[i] != null; i = (i + 1) & mask) {
            byte[] k = keys[i];
            if (hashes[i] == h && (k == key || Arrays.equals(k, key))) {
                if (overwrite) {
                    // a read after a write of the same version keeps the written flag
                    states[i] = (byte) (state | (states[i] & WRITTEN));
                }
                return;
            }
        }
        if (bytes >= maxBytes) {
            dropped |= (state & WRITTEN) != 0;
            return;
        }
        keys[i] = copy ? key.clone() : key;
        hashes[i] = h;
        states[i] = state;
        bytes += key.length + ENTRY_OVERHEAD;
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    /**
     * Spreads {@link Arrays#hashCode(byte[])} over the low bits: its low bits barely change between keys that
     * differ in a few bytes (fixed-width longs), which made linear probing scan long runs.
     */
    private static int slot(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private void grow() {
        byte[][] oldKeys = keys;
        int[] oldHashes = hashes;
        byte[] oldStates = states;
        keys = new byte[oldKeys.length * 2][];
        hashes = new int[keys.length];
        states = new byte[keys.length];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != null) {
                int i = slot(oldHashes[j]) & mask;
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                hashes[i] = oldHashes[j];
                states[i] = oldStates[j];
            }
        }
    }
}
