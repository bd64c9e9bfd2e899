package dev.sluice.stream.state;

import java.nio.ByteBuffer;

/**
 * How a stream-stream join lays its two sides out in its one store (Spark keeps four stores; Sluice tags the
 * keys instead): per side and join key a count entry {@code [L|R][key] -> n} (a 4-byte big-endian int), and
 * per stored row an entry {@code [l|r][key][index] -> row + matched flag} (index: 4-byte big-endian int).
 * Shared by the join operator, which writes it, and the state data source, which reads it. Stateless.
 */
public final class JoinStateLayout {
    /** Bytes of a row entry's index, after the key. */
    public static final int INDEX_BYTES = 4;

    private JoinStateLayout() {
    }

    /** The tag of a side's count entries. */
    public static byte countTag(boolean left) {
        return (byte) (left ? 'L' : 'R');
    }

    /** The tag of a side's row entries. */
    public static byte rowTag(boolean left) {
        return (byte) (left ? 'l' : 'r');
    }

    /** {@code tag} followed by {@code key}. */
    public static byte[] countKey(byte tag, byte[] key) {
        byte[] out = new byte[key.length + 1];
        out[0] = tag;
        System.arraycopy(key, 0, out, 1, key.length);
        return out;
    }

    /** {@code tag}, {@code key}, then {@code index}. */
    public static byte[] rowKey(byte tag, byte[] key, int index) {
        byte[] out = new byte[key.length + 1 + INDEX_BYTES];
        out[0] = tag;
        System.arraycopy(key, 0, out, 1, key.length);
        ByteBuffer.wrap(out, key.length + 1, INDEX_BYTES).putInt(index);
        return out;
    }

    /** The index of a row entry's key. */
    public static int index(byte[] rowKey) {
        return ByteBuffer.wrap(rowKey, rowKey.length - INDEX_BYTES, INDEX_BYTES).getInt();
    }

    /** A count entry's value. */
    public static byte[] countValue(int count) {
        return ByteBuffer.allocate(4).putInt(count).array();
    }

    /** The count a count entry holds. */
    public static int count(byte[] value) {
        return ByteBuffer.wrap(value).getInt();
    }
}
