package dev.sluice.stream.state;

import dev.sluice.state.ByteKey;
import dev.sluice.state.KeyValue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Layout version 2 of a stream-stream join's state ({@code spark.sluice.state.joinLayoutVersion}): a join key's
 * buffered rows are held together in blocks instead of one store entry per row ({@link JoinStateLayout}, version
 * 1). Per side and join key one head entry {@code [M|N][key]} lists the key's blocks in order, each with its id, row
 * count, byte size and the lowest eviction time of its rows, and holds the last block inline (id {@link #TAIL}):
 * a key with few rows is that one entry. Earlier (sealed) blocks are entries {@code [b|c][key][id]}. A block's
 * value: a 4-byte row count, then per row a 4-byte length and the row's encoding (the side's columns and the
 * matched flag, as a version 1 row entry's value). A key's rows, block after block, are in the order version 1
 * numbers them 0..n-1, so both layouts give the same rows in the same order.
 *
 * <p>Shared by the join operator, which writes it, and the state data source, which translates it back to Spark's
 * keyToNumValues/keyWithIndexToValue view ({@link #asVersion1}). Stateless; {@link Meta} is immutable.
 */
public final class JoinBlockLayout {
    /** The layout a checkpoint without {@code spark.sluice.state.joinLayoutVersion} has. */
    public static final int VERSION_1 = 1;
    /** This layout. */
    public static final int VERSION_2 = 2;

    private JoinBlockLayout() {
    }

    /** The id of the block held inline in the head entry (always the key's last block). */
    public static final int TAIL = -1;

    /** The tag of a side's head (meta) entries. */
    public static byte metaTag(boolean left) {
        return (byte) (left ? 'M' : 'N');
    }

    /** The tag of a side's block entries. */
    public static byte blockTag(boolean left) {
        return (byte) (left ? 'b' : 'c');
    }

    /** The key of block {@code id} of {@code key}. */
    public static byte[] blockKey(byte tag, byte[] key, int id) {
        return JoinStateLayout.rowKey(tag, key, id);
    }

    /**
     * A key's blocks, in row order: parallel arrays of their ids ({@link #TAIL} for the inline last one), row counts,
     * encoded sizes and lowest eviction times ({@link Long#MAX_VALUE}: no row of the block has one); {@code nextId}
     * is the id the next sealed block takes; {@code tail} the inline block's value (null when there is none).
     */
    public record Meta(int nextId, int[] ids, int[] rows, int[] bytes, long[] minTimes, byte[] tail) {
        /** No blocks. */
        public static final Meta EMPTY = new Meta(0, new int[0], new int[0], new int[0], new long[0], null);

        public int blocks() {
            return ids.length;
        }

        /** The key's row count. */
        public int rowCount() {
            int n = 0;
            for (int r : rows) {
                n += r;
            }
            return n;
        }

        /** The lowest eviction time of the key's rows. */
        public long minTime() {
            long min = Long.MAX_VALUE;
            for (long t : minTimes) {
                min = Math.min(min, t);
            }
            return min;
        }

        public byte[] encode() {
            int tailBytes = tail == null ? 0 : tail.length;
            ByteBuffer out = ByteBuffer.allocate(12 + ids.length * 20 + tailBytes);
            out.putInt(nextId).putInt(ids.length);
            for (int b = 0; b < ids.length; b++) {
                out.putInt(ids[b]).putInt(rows[b]).putInt(bytes[b]).putLong(minTimes[b]);
            }
            out.putInt(tail == null ? -1 : tailBytes);
            if (tail != null) {
                out.put(tail);
            }
            return out.array();
        }

        public static Meta decode(byte[] value) {
            if (value == null) {
                return EMPTY;
            }
            ByteBuffer in = ByteBuffer.wrap(value);
            int nextId = in.getInt();
            int n = in.getInt();
            int[] ids = new int[n];
            int[] rows = new int[n];
            int[] bytes = new int[n];
            long[] minTimes = new long[n];
            for (int b = 0; b < n; b++) {
                ids[b] = in.getInt();
                rows[b] = in.getInt();
                bytes[b] = in.getInt();
                minTimes[b] = in.getLong();
            }
            int tailBytes = in.getInt();
            byte[] tail = null;
            if (tailBytes >= 0) {
                tail = new byte[tailBytes];
                in.get(tail);
            }
            return new Meta(nextId, ids, rows, bytes, minTimes, tail);
        }
    }

    /** A block's value: its rows' encodings, in order. */
    public static byte[] encodeBlock(List<byte[]> rows) {
        int size = 4;
        for (byte[] row : rows) {
            size += 4 + row.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putInt(rows.size());
        for (byte[] row : rows) {
            out.putInt(row.length).put(row);
        }
        return out.array();
    }

    /** The rows' encodings of a block's value, in order. */
    public static List<byte[]> decodeBlock(byte[] value) {
        ByteBuffer in = ByteBuffer.wrap(value);
        int n = in.getInt();
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] row = new byte[in.getInt()];
            in.get(row);
            out.add(row);
        }
        return out;
    }

    /** Adds the meta entries of both sides among {@code entries} to {@code into}, by their whole entry key. */
    public static void collectMetas(Iterator<KeyValue> entries, Map<ByteKey, Meta> into) {
        while (entries.hasNext()) {
            KeyValue kv = entries.next();
            byte tag = kv.key()[0];
            if (tag == metaTag(true) || tag == metaTag(false)) {
                into.put(new ByteKey(kv.key()), Meta.decode(kv.value()));
            }
        }
    }

    /**
     * {@code entries} (one partition's) as version 1 entries: a meta entry becomes its key's count entry, a block
     * entry the row entries of its rows, numbered as in version 1 ({@code metas}: every partition's meta entries,
     * {@link #collectMetas}); version 1 entries and other entries pass unchanged.
     */
    public static Iterator<KeyValue> asVersion1(Iterator<KeyValue> entries, Map<ByteKey, Meta> metas) {
        return new Iterator<>() {
            private Iterator<KeyValue> pending = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!pending.hasNext() && entries.hasNext()) {
                    pending = translate(entries.next(), metas);
                }
                return pending.hasNext();
            }

            @Override
            public KeyValue next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return pending.next();
            }
        };
    }

    private static Iterator<KeyValue> translate(KeyValue kv, Map<ByteKey, Meta> metas) {
        byte[] raw = kv.key();
        for (boolean left : new boolean[] {true, false}) {
            byte[] key = Arrays.copyOfRange(raw, 1, raw.length);
            if (raw[0] == metaTag(left)) {
                Meta meta = Meta.decode(kv.value());
                List<KeyValue> out = new ArrayList<>();
                out.add(new KeyValue(JoinStateLayout.countKey(JoinStateLayout.countTag(left), key),
                        JoinStateLayout.countValue(meta.rowCount())));
                if (meta.tail() != null) {
                    out.addAll(rowEntries(left, key, meta.rowCount() - meta.rows()[meta.blocks() - 1], meta.tail()));
                }
                return out.iterator();
            }
            if (raw[0] == blockTag(left)) {
                byte[] joinKey = Arrays.copyOfRange(raw, 1, raw.length - JoinStateLayout.INDEX_BYTES);
                Meta meta = metas.getOrDefault(new ByteKey(JoinStateLayout.countKey(metaTag(left), joinKey)),
                        Meta.EMPTY);
                int id = JoinStateLayout.index(raw);
                int first = 0;
                for (int b = 0; b < meta.blocks() && meta.ids()[b] != id; b++) {
                    first += meta.rows()[b];
                }
                return rowEntries(left, joinKey, first, kv.value()).iterator();
            }
        }
        return List.of(kv).iterator();
    }

    /** The version 1 row entries of block {@code value} of {@code joinKey}, numbered from {@code first}. */
    private static List<KeyValue> rowEntries(boolean left, byte[] joinKey, int first, byte[] value) {
        List<byte[]> rows = decodeBlock(value);
        List<KeyValue> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(new KeyValue(JoinStateLayout.rowKey(JoinStateLayout.rowTag(left), joinKey, first + i),
                    rows.get(i)));
        }
        return out;
    }
}
