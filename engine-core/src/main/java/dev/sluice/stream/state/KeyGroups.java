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

    private final int keyGroups;
    private final int partitions;

    /**
     * @param keyGroups  the recorded number of key-groups, or 0 for a checkpoint that predates them
     * @param partitions the state partitions of this run (at most {@code keyGroups} when that is not 0)
     */
    public KeyGroups(int keyGroups, int partitions) {
        if (partitions < 1 || keyGroups < 0 || keyGroups > 0 && partitions > keyGroups) {
            throw new IllegalArgumentException("cannot spread " + keyGroups + " key-groups over " + partitions
                    + " partitions");
        }
        this.keyGroups = keyGroups;
        this.partitions = partitions;
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

    /** The key-group of {@code key} (its partition under the legacy routing). */
    public int keyGroupOf(byte[] key) {
        int hash = Arrays.hashCode(key);
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
}
