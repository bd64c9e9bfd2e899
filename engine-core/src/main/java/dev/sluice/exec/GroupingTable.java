package dev.sluice.exec;

import dev.sluice.batch.BooleanVector;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.DoubleVector;
import dev.sluice.batch.FloatVector;
import dev.sluice.batch.IntVector;
import dev.sluice.batch.LongVector;
import dev.sluice.batch.StructVector;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Open-addressing hash table assigning dense group ids ({@code 0, 1, ...} in first-seen order) to
 * distinct key tuples. Keys are kept column-wise in vectors (no per-row key objects); NULL keys form
 * their own group, as SQL grouping requires.
 *
 * <p>A struct key (a time window, {@code struct(a, b)}) is stored as its fields plus one boolean column saying
 * whether the struct itself is null, so hashing and comparing a window is two {@code long} comparisons rather
 * than a walk through the struct's children for every probe. {@link #keys()} rebuilds the structs.
 *
 * <p>Not thread-safe: one per operator instance.
 */
public final class GroupingTable {
    private final List<DataType> keyTypes;
    /** The flat key types: a struct key's fields, then its null flag; any other key as itself. */
    private final List<DataType> flatTypes;
    /**
     * Flat key columns, row {@code g} = group {@code g}, kept only when the keys are not packed ({@code width == 0}):
     * a packed table's words are its keys, and {@link #keys()} decodes them once instead of every insert appending
     * to one vector per column.
     */
    private final ColumnVector[] keys;
    /** Per slot: the key's hash in the high word, group id + 1 in the low word; 0 = empty. One load per probe. */
    private long[] slots;
    private int groupCount;
    private int mask;
    /** All-false flags for chunks whose structs are never null; grown on demand. */
    private boolean[] noNulls = new boolean[0];
    /** Words per group when every flat key is fixed-width ({@link PackedKeys}), else 0. */
    private final int width;
    private long[] packedKeys;
    private long[] packedInput = new long[0];
    /**
     * The least and greatest first packed word of any group (a window's start, a leading long key): a lookup of a
     * key outside them misses without a probe. Ranges of time-ordered input share few windows, so the parallel
     * merge's lookups ({@link #findGroupsOf}) mostly end here.
     */
    private long minFirstWord = Long.MAX_VALUE;
    private long maxFirstWord = Long.MIN_VALUE;

    public GroupingTable(List<DataType> keyTypes) {
        this(keyTypes, true);
    }

    /** A table that compares its keys through their vectors even when they could be packed: the general path. */
    static GroupingTable unpacked(List<DataType> keyTypes) {
        return new GroupingTable(keyTypes, false);
    }

    private GroupingTable(List<DataType> keyTypes, boolean mayPack) {
        this.keyTypes = List.copyOf(keyTypes);
        List<DataType> flat = new ArrayList<>();
        for (DataType type : keyTypes) {
            if (type instanceof StructType struct && struct.length() > 0) {
                for (int f = 0; f < struct.length(); f++) {
                    flat.add(struct.apply(f).dataType());
                }
                flat.add(dev.sluice.sql.types.DataTypes.BooleanType);
            } else {
                flat.add(type);
            }
        }
        flatTypes = List.copyOf(flat);
        width = mayPack ? PackedKeys.width(flat) : 0;
        packedKeys = new long[width * 1024];
        keys = new ColumnVector[width > 0 ? 0 : flat.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = ColumnVector.allocate(flat.get(i), 1024);
        }
        slots = new long[1024];
        mask = slots.length - 1;
    }

    public int groupCount() {
        return groupCount;
    }

    /** The distinct keys, one vector per key column (structs rebuilt), row {@code g} = group {@code g}. */
    public ColumnVector[] keys() {
        ColumnVector[] keys = width > 0 ? PackedKeys.unpack(packedKeys, groupCount, width, flatTypes) : this.keys;
        ColumnVector[] out = new ColumnVector[keyTypes.size()];
        int flat = 0;
        for (int k = 0; k < out.length; k++) {
            if (keyTypes.get(k) instanceof StructType struct && struct.length() > 0) {
                ColumnVector[] fields = Arrays.copyOfRange(keys, flat, flat + struct.length());
                flat += struct.length();
                boolean[] flags = ((BooleanVector) keys[flat++]).values();
                boolean[] nulls = null;
                for (int g = 0; g < groupCount; g++) {
                    if (flags[g]) {
                        nulls = Arrays.copyOf(flags, Math.max(groupCount, 1));
                        break;
                    }
                }
                out[k] = StructVector.of(struct, fields, groupCount, nulls);
            } else {
                out[k] = keys[flat++];
            }
        }
        return out;
    }

    /** Fills {@code groupIds[0..rowCount)} with the group of each row, adding new groups as needed. */
    public void groupIds(ColumnVector[] keyColumns, int rowCount, int[] groupIds) {
        ColumnVector[] flat = flatten(keyColumns, rowCount);
        if (width > 0) {
            long[] packed = pack(flat, rowCount);
            for (int i = 0; i < rowCount; i++) {
                int offset = i * width;
                groupIds[i] = findOrInsertPacked(packed, offset, PackedKeys.hash(packed, offset, width));
            }
            return;
        }
        int[] hashes = hashRows(flat, rowCount);
        for (int i = 0; i < rowCount; i++) {
            groupIds[i] = findOrInsert(flat, i, hashes[i]);
        }
    }

    /** Fills {@code groupIds[0..rowCount)} with the group of each row, or -1 where the key is absent (lookup only). */
    public void lookup(ColumnVector[] keyColumns, int rowCount, int[] groupIds) {
        ColumnVector[] flat = flatten(keyColumns, rowCount);
        if (width > 0) {
            long[] packed = pack(flat, rowCount);
            for (int i = 0; i < rowCount; i++) {
                groupIds[i] = findPacked(packed, i * width);
            }
            return;
        }
        int[] hashes = hashRows(flat, rowCount);
        for (int i = 0; i < rowCount; i++) {
            groupIds[i] = find(flat, i, hashes[i]);
        }
    }

    private long[] pack(ColumnVector[] flat, int rowCount) {
        if (packedInput.length < rowCount * width) {
            packedInput = new long[Math.max(rowCount, 1024) * width];
        }
        PackedKeys.pack(flat, rowCount, width, packedInput);
        return packedInput;
    }

    private int findPacked(long[] packed, int offset) {
        long first = packed[offset];
        if (first < minFirstWord || first > maxFirstWord) {
            return -1;
        }
        int hash = PackedKeys.hash(packed, offset, width);
        int slot = hash & mask;
        while (true) {
            long entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            int group = (int) entry - 1;
            if ((int) (entry >>> 32) == hash && packedEqual(packed, offset, group)) {
                return group;
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * Fills {@code groupIds[0..other.groupCount())} with this table's group for each of {@code other}'s groups
     * (a table of the same key types), adding new groups in {@code other}'s group order: the merge of two partial
     * aggregations. Packed keys are probed as they are stored, without decoding or packing them again.
     */
    public void mergeGroupIds(GroupingTable other, int[] groupIds) {
        int n = other.groupCount;
        if (width == 0) {
            groupIds(other.keys(), n, groupIds);
            return;
        }
        long[] packed = other.packedKeys;
        for (int g = 0; g < n; g++) {
            int offset = g * width;
            groupIds[g] = findOrInsertPacked(packed, offset, PackedKeys.hash(packed, offset, width));
        }
    }

    /** Whether keys are packed into words: only then is {@link #findGroupsOf} available. */
    public boolean packed() {
        return width > 0;
    }

    /**
     * For {@code other}'s groups {@code [from, to)} (a packed table of the same key types), this table's group with
     * the same key, or -1, into {@code out[from..to)}. Reads only: several threads may call it at once while nothing
     * inserts into either table.
     */
    public void findGroupsOf(GroupingTable other, int from, int to, int[] out) {
        if (width == 0) {
            throw new IllegalStateException("findGroupsOf needs packed keys");
        }
        long[] packed = other.packedKeys;
        for (int g = from; g < to; g++) {
            int offset = g * width;
            out[g] = findPacked(packed, offset);
        }
    }

    private int findOrInsertPacked(long[] packed, int offset, int hash) {
        int slot = hash & mask;
        while (true) {
            long entry = slots[slot];
            if (entry == 0) {
                int group = groupCount++;
                if (packedKeys.length < groupCount * width) {
                    packedKeys = Arrays.copyOf(packedKeys, packedKeys.length * 2);
                }
                System.arraycopy(packed, offset, packedKeys, group * width, width);
                long first = packed[offset];
                minFirstWord = Math.min(minFirstWord, first);
                maxFirstWord = Math.max(maxFirstWord, first);
                occupy(slot, hash, group);
                return group;
            }
            int group = (int) entry - 1;
            if ((int) (entry >>> 32) == hash && packedEqual(packed, offset, group)) {
                return group;
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * Whether the packed row at {@code offset} is group {@code group}'s key. Keys of 1-4 words compare unrolled and
     * without a branch per word (a probe that reaches here nearly always matches: the stored hash was equal).
     */
    private boolean packedEqual(long[] packed, int offset, int group) {
        long[] stored = packedKeys;
        int s = group * width;
        switch (width) {
            case 1:
                return packed[offset] == stored[s];
            case 2:
                return ((packed[offset] ^ stored[s]) | (packed[offset + 1] ^ stored[s + 1])) == 0;
            case 3:
                return ((packed[offset] ^ stored[s]) | (packed[offset + 1] ^ stored[s + 1])
                        | (packed[offset + 2] ^ stored[s + 2])) == 0;
            case 4:
                return ((packed[offset] ^ stored[s]) | (packed[offset + 1] ^ stored[s + 1])
                        | (packed[offset + 2] ^ stored[s + 2]) | (packed[offset + 3] ^ stored[s + 3])) == 0;
            default:
                for (int w = 0; w < width; w++) {
                    if (packed[offset + w] != stored[s + w]) {
                        return false;
                    }
                }
                return true;
        }
    }

    /** The key columns in the table's flat layout: struct fields with nulls where the struct is null, then a flag. */
    private ColumnVector[] flatten(ColumnVector[] keyColumns, int rowCount) {
        if (keyColumns.length == flatTypes.size()) {
            return keyColumns; // no struct keys: the layout is the input's
        }
        ColumnVector[] flat = new ColumnVector[flatTypes.size()];
        int f = 0;
        for (ColumnVector column : keyColumns) {
            if (!(column instanceof StructVector struct) || struct.childCount() == 0) {
                flat[f++] = column;
                continue;
            }
            boolean[] structNulls = struct.mayHaveNulls() ? struct.nullsArray() : null;
            for (int c = 0; c < struct.childCount(); c++) {
                flat[f++] = structNulls == null ? struct.child(c) : nullWhere(struct.child(c), structNulls, rowCount);
            }
            if (structNulls == null && noNulls.length < rowCount) {
                noNulls = new boolean[Math.max(rowCount, 1024)];
            }
            flat[f++] = BooleanVector.wrap(structNulls == null ? noNulls : structNulls, rowCount, null);
        }
        return flat;
    }

    /** A copy of {@code field} that is null wherever its struct is, whatever the child held there. */
    private static ColumnVector nullWhere(ColumnVector field, boolean[] structNulls, int rowCount) {
        ColumnVector copy = field.copyRange(0, rowCount);
        for (int i = 0; i < rowCount; i++) {
            if (structNulls[i]) {
                copy.setNull(i);
            }
        }
        return copy;
    }

    private int find(ColumnVector[] flat, int row, int hash) {
        int slot = hash & mask;
        while (true) {
            long entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            int group = (int) entry - 1;
            if ((int) (entry >>> 32) == hash && keysEqual(flat, row, group)) {
                return group;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Per-row hashes of the flat key columns (vectorized by column). */
    private static int[] hashRows(ColumnVector[] keyColumns, int rowCount) {
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
            } else if (column instanceof BooleanVector bv && !column.mayHaveNulls()) {
                boolean[] values = bv.values();
                for (int i = 0; i < rowCount; i++) {
                    hashes[i] = hashes[i] * 31 + (values[i] ? 1231 : 1237);
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

    private int findOrInsert(ColumnVector[] flat, int row, int hash) {
        int slot = hash & mask;
        while (true) {
            long entry = slots[slot];
            if (entry == 0) {
                return insert(flat, row, hash, slot);
            }
            int group = (int) entry - 1;
            if ((int) (entry >>> 32) == hash && keysEqual(flat, row, group)) {
                return group;
            }
            slot = (slot + 1) & mask;
        }
    }

    private boolean keysEqual(ColumnVector[] flat, int row, int group) {
        for (int k = 0; k < keys.length; k++) {
            ColumnVector in = flat[k];
            ColumnVector stored = keys[k];
            // The common non-null primitive keys compare their arrays directly; the rest go through the vector.
            if (!in.mayHaveNulls() && !stored.mayHaveNulls()) {
                if (in instanceof LongVector lv) {
                    if (lv.values()[row] != ((LongVector) stored).values()[group]) {
                        return false;
                    }
                    continue;
                }
                if (in instanceof IntVector iv) {
                    if (iv.values()[row] != ((IntVector) stored).values()[group]) {
                        return false;
                    }
                    continue;
                }
                if (in instanceof BooleanVector bv) {
                    if (bv.values()[row] != ((BooleanVector) stored).values()[group]) {
                        return false;
                    }
                    continue;
                }
            }
            if (!in.valueEquals(row, stored, group)) {
                return false;
            }
        }
        return true;
    }

    private int insert(ColumnVector[] flat, int row, int hash, int slot) {
        int group = groupCount++;
        for (int k = 0; k < keys.length; k++) {
            keys[k].appendFrom(flat[k], row);
        }
        normalizeNegativeZero(group);
        occupy(slot, hash, group);
        return group;
    }

    /** Points the empty {@code slot} at the new {@code group}; grows the slots past half full. */
    private void occupy(int slot, int hash, int group) {
        slots[slot] = ((long) hash << 32) | (group + 1);
        if (groupCount * 2 > slots.length) {
            rehash();
        }
    }

    /** A group keyed by -0.0 shows 0.0, the value Spark's key normalization groups it under. */
    private void normalizeNegativeZero(int group) {
        for (ColumnVector key : keys) {
            if (key instanceof DoubleVector d && !d.isNull(group) && d.values()[group] == 0) {
                d.setDouble(group, 0.0);
            } else if (key instanceof FloatVector f && !f.isNull(group) && f.values()[group] == 0) {
                f.setFloat(group, 0.0f);
            }
        }
    }

    private void rehash() {
        long[] old = slots;
        slots = new long[old.length * 2];
        mask = slots.length - 1;
        for (long entry : old) {
            if (entry != 0) {
                int slot = (int) (entry >>> 32) & mask;
                while (slots[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = entry;
            }
        }
    }
}
