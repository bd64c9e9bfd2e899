package dev.sluice.stream.state;

import java.util.Arrays;

/**
 * How an operator's state keys map to its state partitions. A key belongs to one of a fixed number of
 * key-groups (a hash of its bytes), recorded in the checkpoint when the query first runs; each partition owns
 * a contiguous range of key-groups ({@code partition = keyGroup * partitions / keyGroups}, Flink's rule). The
 * number of key-groups never changes for a checkpoint, so a later run can give the same key-groups to another
 * number of partitions (rescaling moves whole key-groups).
 *
 * <p>Checkpoints written before key-groups existed record none ({@code keyGroups = 0}): their keys keep the
 * old routing, {@code hash(key) mod partitions}, so their state is read exactly as it was written. Immutable.
 */
public final class KeyGroups {
    /** Key-groups of a new query when the state has at most this many partitions (Flink's default too). */
    public static final int DEFAULT = 128;

    /** What part of a key decides its key-group. */
    public enum Routing {
        /** The whole key. */
        WHOLE_KEY,
        /**
         * The bytes after a key-space name that the key starts with ({@code [length: 2 bytes][name]}, see
         * {@code TwsLayout}): keys of one grouping key in different key spaces share a key-group.
         */
        AFTER_KEY_SPACE_NAME
    }

    private final int keyGroups;
    private final int partitions;
    private final Routing routing;

    /**
     * @param keyGroups  the recorded number of key-groups, or 0 for a checkpoint that predates them
     * @param partitions the state partitions of this run (at most {@code keyGroups} when that is not 0)
     */
    public KeyGroups(int keyGroups, int partitions) {
        this(keyGroups, partitions, Routing.WHOLE_KEY);
    }

    /**
     * @param keyGroups  the recorded number of key-groups, or 0 for a checkpoint that predates them
     * @param partitions the state partitions of this run (at most {@code keyGroups} when that is not 0)
     * @param routing    what part of each key is hashed
     */
    public KeyGroups(int keyGroups, int partitions, Routing routing) {
        if (partitions < 1 || keyGroups < 0 || keyGroups > 0 && partitions > keyGroups) {
            throw new IllegalArgumentException("cannot spread " + keyGroups + " key-groups over " + partitions
                    + " partitions");
        }
        this.keyGroups = keyGroups;
        this.partitions = partitions;
        this.routing = routing;
    }

    /** The key-groups of a new query with {@code partitions} state partitions: every partition owns at least one. */
    public static int forNewQuery(int partitions) {
        return Math.max(DEFAULT, partitions);
    }

    public int keyGroups() {
        return keyGroups;
    }

    public int partitions() {
        return partitions;
    }

    public Routing routing() {
        return routing;
    }

    /** The key-group of {@code key} (its partition under the legacy routing). */
    public int keyGroupOf(byte[] key) {
        int hash = routing == Routing.WHOLE_KEY ? Arrays.hashCode(key) : hashAfterName(key);
        if (keyGroups == 0) {
            return Math.floorMod(hash, partitions);
        }
        // spread the bits first: Arrays.hashCode of fixed-width keys clusters in the low bits
        int mixed = hash * 0x9E3779B9;
        return Math.floorMod(mixed ^ (mixed >>> 16), keyGroups);
    }

    /** The partition that owns {@code key}. */
    public int partitionOf(byte[] key) {
        int group = keyGroupOf(key);
        return keyGroups == 0 ? group : (int) ((long) group * partitions / keyGroups);
    }

    /** {@link Arrays#hashCode(byte[])} of the bytes after the key's key-space name (all of it if it has none). */
    private static int hashAfterName(byte[] key) {
        int from = key.length < 2 ? 0 : 2 + (((key[0] & 0xFF) << 8) | (key[1] & 0xFF));
        if (from > key.length) {
            from = 0;
        }
        int hash = 1;
        for (int i = from; i < key.length; i++) {
            hash = 31 * hash + key[i];
        }
        return hash;
    }
}
