package dev.sluice.state;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An encoded state key as a hash-map key: equality of the bytes, and a well-mixed hash of them ({@link #hash}).
 * Not {@link Arrays#hashCode(byte[])} or {@code ByteBuffer.hashCode()}: their base-31 sums map the structured
 * keys of state (a join key followed by a 4-byte row index, window bounds and numbers in fixed places) onto few
 * values (row index 31 and row index 256 collide, and so on), which turns a map's buckets into trees; a Nexmark
 * q7 profile spent a fifth of its time in such colliding lookups. Immutable as long as nobody changes the array.
 */
public final class ByteKey {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] bytes;
    private final int hash;

    public ByteKey(byte[] bytes) {
        this.bytes = bytes;
        this.hash = hash(bytes);
    }

    /** The wrapped array (no copy). */
    public byte[] bytes() {
        return bytes;
    }

    /** A hash of all of {@code bytes}, 8 bytes at a time, each mixed by MurmurHash3's 64-bit finalizer. */
    public static int hash(byte[] bytes) {
        long h = 0x9E3779B97F4A7C15L ^ bytes.length;
        int i = 0;
        for (; i + 8 <= bytes.length; i += 8) {
            h = (h ^ mix((long) LONGS.get(bytes, i))) * 0xC2B2AE3D27D4EB4FL;
        }
        long tail = 0;
        for (int shift = 0; i < bytes.length; i++, shift += 8) {
            tail |= (bytes[i] & 0xFFL) << shift;
        }
        h = mix(h ^ mix(tail));
        return (int) (h ^ (h >>> 32));
    }

    private static long mix(long v) {
        v ^= v >>> 33;
        v *= 0xFF51AFD7ED558CCDL;
        v ^= v >>> 33;
        v *= 0xC4CEB9FE1A85EC53L;
        return v ^ (v >>> 33);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteKey k && k.hash == hash && Arrays.equals(k.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "ByteKey" + Arrays.toString(bytes);
    }
}
