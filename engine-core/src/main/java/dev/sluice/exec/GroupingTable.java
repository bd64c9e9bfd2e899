package dev.sluice.exec;

import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.IntVector;
import dev.sluice.batch.LongVector;
import dev.sluice.sql.types.DataType;
import java.util.Arrays;
import java.util.List;

/**
 * Open-addressing hash table assigning dense group ids ({@code 0, 1, ...} in first-seen order) to
 * distinct key tuples. Keys are kept column-wise in vectors (no per-row key objects); NULL keys form
 * their own group, as SQL grouping requires. Not thread-safe: one per operator instance.
 */
public final class GroupingTable {
    private final ColumnVector[] keys;
    private int[] slots;          // group id + 1, 0 = empty
    private int[] groupHashes;
    private int groupCount;
    private int mask;

    public GroupingTable(List<DataType> keyTypes) {
        keys = new ColumnVector[keyTypes.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = ColumnVector.allocate(keyTypes.get(i), 1024);
        }
        slots = new int[1024];
        mask = slots.length - 1;
        groupHashes = new int[1024];
    }

    public int groupCount() {
        return groupCount;
    }

    /** The distinct keys, one vector per key column, row {@code g} = group {@code g}. */
    public ColumnVector[] keys() {
        return keys.clone();
    }

    /** Fills {@code groupIds[0..rowCount)} with the group of each row, adding new groups as needed. */
    public void groupIds(ColumnVector[] keyColumns, int rowCount, int[] groupIds) {
        int[] hashes = hashRows(keyColumns, rowCount);
        for (int i = 0; i < rowCount; i++) {
            groupIds[i] = findOrInsert(keyColumns, i, hashes[i]);
        }
    }

    /** The group of row {@code row}, or -1 if the key is absent (lookup only). */
    public int find(ColumnVector[] keyColumns, int row, int hash) {
        int slot = hash & mask;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            int group = entry - 1;
            if (groupHashes[group] == hash && keysEqual(keyColumns, row, group)) {
                return group;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Per-row hashes of the key columns (vectorized by column). */
    public static int[] hashRows(ColumnVector[] keyColumns, int rowCount) {
        int[] hashes = new int[Math.max(rowCount, 1)];
        for (ColumnVector column : keyColumns) {
            if (column instanceof LongVector lv && !column.mayHaveNulls()) {
                long[] values = lv.values();
                for (int i = 0; i < rowCount; i++) {
                    hashes[i] = hashes[i] * 31 + Long.hashCode(values[i]);
                }
            } else if (column instanceof IntVector iv && !column.mayHaveNulls()) {
                int[] values = iv.values();
                for (int i = 0; i < rowCount; i++) {
                    hashes[i] = hashes[i] * 31 + values[i];
                }
            } else {
                for (int i = 0; i < rowCount; i++) {
                    hashes[i] = hashes[i] * 31 + column.hash(i);
                }
            }
        }
        for (int i = 0; i < rowCount; i++) {
            int h = hashes[i];
            h ^= h >>> 16;
            h *= 0x85ebca6b;
            h ^= h >>> 13;
            hashes[i] = h;
        }
        return hashes;
    }

    private int findOrInsert(ColumnVector[] keyColumns, int row, int hash) {
        int slot = hash & mask;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                return insert(keyColumns, row, hash, slot);
            }
            int group = entry - 1;
            if (groupHashes[group] == hash && keysEqual(keyColumns, row, group)) {
                return group;
            }
            slot = (slot + 1) & mask;
        }
    }

    private boolean keysEqual(ColumnVector[] keyColumns, int row, int group) {
        for (int k = 0; k < keys.length; k++) {
            if (!keyColumns[k].valueEquals(row, keys[k], group)) {
                return false;
            }
        }
        return true;
    }

    private int insert(ColumnVector[] keyColumns, int row, int hash, int slot) {
        int group = groupCount++;
        for (int k = 0; k < keys.length; k++) {
            keys[k].appendFrom(keyColumns[k], row);
        }
        if (group >= groupHashes.length) {
            groupHashes = Arrays.copyOf(groupHashes, groupHashes.length * 2);
        }
        groupHashes[group] = hash;
        slots[slot] = group + 1;
        if (groupCount * 2 > slots.length) {
            rehash();
        }
        return group;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        mask = slots.length - 1;
        for (int g = 0; g < groupCount; g++) {
            int slot = groupHashes[g] & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = g + 1;
        }
    }
}
