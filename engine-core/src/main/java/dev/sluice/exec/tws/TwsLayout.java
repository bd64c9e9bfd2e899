package dev.sluice.exec.tws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How {@code transformWithState} lays its state variables and timers out in the operator's one byte-keyed
 * store (Spark keeps a RocksDB column family per variable; Sluice gives each variable its own key space by a
 * key prefix, which works the same in every state store provider and key-group routing).
 *
 * <p>Key: {@code [name length: 2 bytes][name: UTF-8][grouping key: RowCodec bytes]}. Value, one entry per
 * variable and grouping key, every TTL expiry being epoch ms or {@link #NO_EXPIRY}:
 * <ul>
 *   <li>value state: {@code [expiry: 8][value row]}</li>
 *   <li>list state: {@code [n: 4]} then per element {@code [expiry: 8][length: 4][element row]}</li>
 *   <li>map state: {@code [n: 4]} then per entry {@code [expiry: 8][length: 4][user key row][length: 4][value row]}</li>
 *   <li>timers ({@link #PROCESSING_TIMERS} or {@link #EVENT_TIMERS}): {@code [n: 4]} then the timestamps
 *       ({@code 8} bytes each), ascending</li>
 *   <li>{@link #ROW_COUNT}, one entry with no grouping key: the state rows of all variables ({@code 8} bytes),
 *       kept with each batch for progress' {@code numRowsTotal}</li>
 * </ul>
 * Integers are big-endian. Shared by the operator, which writes it, and the state data source, which reads
 * it. Stateless.
 */
public final class TwsLayout {
    /** No TTL expiry. */
    public static final long NO_EXPIRY = -1;
    /** Spark's name of the processing-time timers' column family. */
    public static final String PROCESSING_TIMERS = "$procTimers_keyToTimestamp";
    /** Spark's name of the event-time timers' column family. */
    public static final String EVENT_TIMERS = "$eventTimers_keyToTimestamp";
    /** The key space of the operator's count of state rows (Spark keeps row counters in {@code $rowCounter_*}). */
    public static final String ROW_COUNT = "$rowCounter";

    private TwsLayout() {
    }

    /** The key prefix of variable {@code name}: its length and UTF-8 bytes. */
    public static byte[] prefix(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > 0xFFFF) {
            throw new IllegalArgumentException("state variable name too long: " + name.length() + " characters");
        }
        return ByteBuffer.allocate(2 + utf8.length).putShort((short) utf8.length).put(utf8).array();
    }

    /** {@code prefix} followed by {@code groupingKey}. */
    public static byte[] key(byte[] prefix, byte[] groupingKey) {
        byte[] out = Arrays.copyOf(prefix, prefix.length + groupingKey.length);
        System.arraycopy(groupingKey, 0, out, prefix.length, groupingKey.length);
        return out;
    }

    /** The grouping key bytes of a key with {@code prefixLength} bytes of prefix. */
    public static byte[] groupingKey(byte[] key, int prefixLength) {
        return Arrays.copyOfRange(key, prefixLength, key.length);
    }

    /** The variable name of a key. */
    public static String name(byte[] key) {
        int length = ByteBuffer.wrap(key, 0, 2).getShort() & 0xFFFF;
        return new String(key, 2, length, StandardCharsets.UTF_8);
    }

    /** One stored element: a TTL expiry and one or two encoded rows ({@code second} is null but for maps). */
    public record Element(long expiry, byte[] first, byte[] second) {
        public boolean expired(long batchTimestampMs) {
            return expiry != NO_EXPIRY && batchTimestampMs >= expiry;
        }
    }

    /** A value state's entry. */
    public static byte[] encodeValue(Element e) {
        return ByteBuffer.allocate(8 + e.first().length).putLong(e.expiry()).put(e.first()).array();
    }

    public static Element decodeValue(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long expiry = b.getLong();
        return new Element(expiry, Arrays.copyOfRange(bytes, 8, bytes.length), null);
    }

    /** A list or map state's entry: its elements, each with one ({@code pairs} false) or two rows. */
    public static byte[] encodeElements(List<Element> elements, boolean pairs) {
        int size = 4;
        for (Element e : elements) {
            size += 12 + e.first().length + (pairs ? 4 + e.second().length : 0);
        }
        ByteBuffer b = ByteBuffer.allocate(size).putInt(elements.size());
        for (Element e : elements) {
            b.putLong(e.expiry()).putInt(e.first().length).put(e.first());
            if (pairs) {
                b.putInt(e.second().length).put(e.second());
            }
        }
        return b.array();
    }

    public static List<Element> decodeElements(byte[] bytes, boolean pairs) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int n = b.getInt();
        List<Element> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long expiry = b.getLong();
            byte[] first = new byte[b.getInt()];
            b.get(first);
            byte[] second = null;
            if (pairs) {
                second = new byte[b.getInt()];
                b.get(second);
            }
            out.add(new Element(expiry, first, second));
        }
        return out;
    }

    /**
     * The state rows an entry counts as in progress ({@code numRowsTotal}), as Spark counts its column families:
     * each entry of a map ({@code pairs}), one per value or list entry, none when absent.
     */
    public static long rows(byte[] entry, boolean pairs) {
        if (entry == null) {
            return 0;
        }
        return pairs ? ByteBuffer.wrap(entry, 0, 4).getInt() : 1;
    }

    /** The key of the operator's count of state rows (one entry, outside every variable's key space). */
    public static byte[] rowCountKey() {
        return prefix(ROW_COUNT);
    }

    /** A row count entry's value. */
    public static byte[] encodeCount(long count) {
        return ByteBuffer.allocate(8).putLong(count).array();
    }

    public static long decodeCount(byte[] value) {
        return value == null ? 0 : ByteBuffer.wrap(value).getLong();
    }

    /** A timers entry of ascending {@code timestamps}. */
    public static byte[] encodeTimers(long[] timestamps) {
        ByteBuffer b = ByteBuffer.allocate(4 + 8 * timestamps.length).putInt(timestamps.length);
        for (long t : timestamps) {
            b.putLong(t);
        }
        return b.array();
    }

    public static long[] decodeTimers(byte[] bytes) {
        if (bytes == null) {
            return new long[0];
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long[] out = new long[b.getInt()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getLong();
        }
        return out;
    }
}
