package dev.sluice.expr.scalar;

import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.BinaryType;
import dev.sluice.sql.types.BooleanType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.StructType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The 64-bit xxHash (XXH64) as Spark's {@code XxHash64Function} applies it to values: what
 * {@code xxhash64(...)} returns (seed 42) and what {@code approx_count_distinct} hashes. Ints, dates and the
 * narrower integers hash as 4 bytes, longs and the microsecond types as 8, floats and doubles as their bits (-0.0 as
 * 0.0), decimals up to 18 digits as their unscaled long and wider ones as the bytes of their unscaled value, strings
 * as their UTF-8 bytes; nested values fold their elements into the seed one after another, nulls leave it unchanged.
 * Stateless.
 */
public final class XxHash64 {
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;

    private XxHash64() {
    }

    public static long hashInt(int input, long seed) {
        long hash = seed + P5 + 4L;
        hash ^= (input & 0xFFFFFFFFL) * P1;
        hash = Long.rotateLeft(hash, 23) * P2 + P3;
        return fmix(hash);
    }

    public static long hashLong(long input, long seed) {
        long hash = seed + P5 + 8L;
        hash ^= Long.rotateLeft(input * P2, 31) * P1;
        hash = Long.rotateLeft(hash, 27) * P1 + P4;
        return fmix(hash);
    }

    public static long hashBytes(byte[] bytes, long seed) {
        int length = bytes.length;
        int i = 0;
        long hash;
        if (length >= 32) {
            long v1 = seed + P1 + P2;
            long v2 = seed + P2;
            long v3 = seed;
            long v4 = seed - P1;
            for (; i <= length - 32; i += 32) {
                v1 = round(v1, word(bytes, i));
                v2 = round(v2, word(bytes, i + 8));
                v3 = round(v3, word(bytes, i + 16));
                v4 = round(v4, word(bytes, i + 24));
            }
            hash = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12)
                    + Long.rotateLeft(v4, 18);
            hash = mergeRound(hash, v1);
            hash = mergeRound(hash, v2);
            hash = mergeRound(hash, v3);
            hash = mergeRound(hash, v4);
        } else {
            hash = seed + P5;
        }
        hash += length;
        for (; i <= length - 8; i += 8) {
            hash ^= round(0, word(bytes, i));
            hash = Long.rotateLeft(hash, 27) * P1 + P4;
        }
        if (i <= length - 4) {
            hash ^= (intWord(bytes, i) & 0xFFFFFFFFL) * P1;
            hash = Long.rotateLeft(hash, 23) * P2 + P3;
            i += 4;
        }
        for (; i < length; i++) {
            hash ^= (bytes[i] & 0xFFL) * P5;
            hash = Long.rotateLeft(hash, 11) * P1;
        }
        return fmix(hash);
    }

    /** Folds an internal value of {@code type} into {@code seed}; a null leaves it unchanged. */
    public static long hashValue(Object value, DataType type, long seed) {
        if (value == null) {
            return seed;
        }
        if (type instanceof BooleanType) {
            return hashInt((Boolean) value ? 1 : 0, seed);
        }
        if (value instanceof dev.sluice.expr.CalendarInterval c) {
            return hashInt(c.months(), hashInt(c.days(), hashLong(c.microseconds(), seed)));
        }
        if (dev.sluice.batch.ColumnVector.isLongBacked(type)) {
            return hashLong((Long) value, seed);
        }
        if (type instanceof DoubleType) {
            double d = (Double) value;
            return hashLong(Double.doubleToLongBits(d == -0.0d ? 0.0d : d), seed);
        }
        if (type instanceof FloatType) {
            float f = (Float) value;
            return hashInt(Float.floatToIntBits(f == -0.0f ? 0.0f : f), seed);
        }
        if (type instanceof DecimalType decimal) {
            BigDecimal d = (BigDecimal) value;
            return decimal.precision() <= 18 ? hashLong(d.unscaledValue().longValue(), seed)
                    : hashBytes(d.unscaledValue().toByteArray(), seed);
        }
        if (type instanceof StringType) {
            return hashBytes(((String) value).getBytes(StandardCharsets.UTF_8), seed);
        }
        if (type instanceof BinaryType) {
            return hashBytes((byte[]) value, seed);
        }
        if (type instanceof ArrayType array) {
            long hash = seed;
            for (Object element : (List<?>) value) {
                hash = hashValue(element, array.elementType(), hash);
            }
            return hash;
        }
        if (type instanceof MapType map) {
            long hash = seed;
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                hash = hashValue(entry.getKey(), map.keyType(), hash);
                hash = hashValue(entry.getValue(), map.valueType(), hash);
            }
            return hash;
        }
        if (type instanceof StructType struct) {
            long hash = seed;
            List<?> fields = (List<?>) value;
            for (int i = 0; i < struct.length(); i++) {
                hash = hashValue(fields.get(i), struct.apply(i).dataType(), hash);
            }
            return hash;
        }
        // byte, short, int, date and year-month intervals are ints
        return hashInt((Integer) value, seed);
    }

    private static long round(long acc, long input) {
        acc += input * P2;
        acc = Long.rotateLeft(acc, 31);
        return acc * P1;
    }

    private static long mergeRound(long acc, long value) {
        acc ^= round(0, value);
        return acc * P1 + P4;
    }

    private static long fmix(long hash) {
        hash ^= hash >>> 33;
        hash *= P2;
        hash ^= hash >>> 29;
        hash *= P3;
        hash ^= hash >>> 32;
        return hash;
    }

    private static long word(byte[] b, int i) {
        return (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24
                | (b[i + 4] & 0xFFL) << 32 | (b[i + 5] & 0xFFL) << 40 | (b[i + 6] & 0xFFL) << 48
                | (b[i + 7] & 0xFFL) << 56;
    }

    private static int intWord(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
    }
}
