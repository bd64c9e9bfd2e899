package dev.sluice.expr.random;

/**
 * Spark's {@code XORShiftRandom}: Marsaglia's xorshift generator (shifts 21, 35, 4) over a 64-bit state seeded
 * by hashing the seed with Scala's {@code MurmurHash3.bytesHash} (low word with the array seed, high word with
 * the low word), so that the same seed gives the same numbers as Spark's {@code rand(seed)}, {@code randn(seed)}
 * and samplers. {@link #nextDouble()} and {@link #nextGaussian()} are {@link java.util.Random}'s, over
 * {@link #next(int)}, exactly as Spark's class inherits them. Not thread-safe: one per partition and thread.
 */
public final class XorShiftRandom extends java.util.Random {
    private static final long serialVersionUID = 1L;
    /** Scala's {@code MurmurHash3.arraySeed}. */
    private static final int ARRAY_SEED = 0x3c074a61;
    private long state;

    /** A generator whose sequence is the one Spark's {@code new XORShiftRandom(seed)} gives. */
    public XorShiftRandom(long seed) {
        super(seed);
        this.state = hashSeed(seed);
    }

    @Override
    public void setSeed(long seed) {
        state = hashSeed(seed); // called by Random's constructor too, before the field initializer; same value
    }

    @Override
    protected int next(int bits) {
        long s = state ^ (state << 21);
        s ^= s >>> 35;
        s ^= s << 4;
        state = s;
        return (int) (s & ((1L << bits) - 1));
    }

    /** The 64-bit state a seed starts from: two MurmurHash3 words of its big-endian bytes. */
    static long hashSeed(long seed) {
        byte[] bytes = java.nio.ByteBuffer.allocate(Long.BYTES).putLong(seed).array();
        int low = bytesHash(bytes, ARRAY_SEED);
        int high = bytesHash(bytes, low);
        return ((long) high << 32) | (low & 0xFFFFFFFFL);
    }

    /** Scala's {@code MurmurHash3.bytesHash} (32-bit MurmurHash3 over little-endian 4-byte blocks). */
    static int bytesHash(byte[] data, int seed) {
        int h = seed;
        int i = 0;
        int len = data.length;
        while (len >= 4) {
            int k = (data[i] & 0xFF) | (data[i + 1] & 0xFF) << 8 | (data[i + 2] & 0xFF) << 16 | (data[i + 3] & 0xFF) << 24;
            h = Integer.rotateLeft(mixLast(h, k), 13) * 5 + 0xe6546b64;
            i += 4;
            len -= 4;
        }
        int k = 0;
        if (len == 3) {
            k ^= (data[i + 2] & 0xFF) << 16;
        }
        if (len >= 2) {
            k ^= (data[i + 1] & 0xFF) << 8;
        }
        if (len >= 1) {
            k ^= data[i] & 0xFF;
            h = mixLast(h, k);
        }
        h ^= data.length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    private static int mixLast(int hash, int data) {
        int k = data * 0xcc9e2d51;
        k = Integer.rotateLeft(k, 15);
        k *= 0x1b873593;
        return hash ^ k;
    }
}
