package dev.sluice.expr.scalar;

import dev.sluice.expr.Expression;
import dev.sluice.expr.FunctionContext;
import dev.sluice.expr.FunctionRegistry;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.BinaryType;
import dev.sluice.sql.types.BooleanType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.LongType;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.StructType;
import dev.sluice.sql.types.TimestampType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Digests and hashes: {@code md5}, {@code sha1}/{@code sha}, {@code sha2} (lower-case hex strings; strings
 * are hashed as UTF-8) and {@code hash}, Spark's Murmur3 x86 32-bit hash with seed 42 over all arguments
 * (the same values as Spark, so that partitioning and {@code hash()} results match). Stateless.
 */
final class HashFunctions {
    private static final int SEED = 42;

    private HashFunctions() {
    }

    static void register(FunctionRegistry registry) {
        digest(registry, "md5", "MD5");
        digest(registry, "sha1", "SHA-1");
        digest(registry, "sha", "SHA-1");
        registry.register("sha2", (arguments, context) -> {
            FunctionRegistry.checkArity("sha2", arguments, 2, 2);
            return new RowFunction("sha2", List.of(Arguments.binary("sha2", arguments, 0, context),
                    Arguments.integer("sha2", arguments, 1, context)), DataTypes.StringType, true, values -> {
                        String algorithm = switch ((Integer) values[1]) {
                            case 0, 256 -> "SHA-256";
                            case 224 -> "SHA-224";
                            case 384 -> "SHA-384";
                            case 512 -> "SHA-512";
                            default -> null;
                        };
                        return algorithm == null ? null : hexDigest(algorithm, (byte[]) values[0]);
                    });
        });
        registry.register("hash", HashFunctions::hash);
        registry.register("xxhash64", (arguments, context) -> {
            FunctionRegistry.checkArity("xxhash64", arguments, 1, Integer.MAX_VALUE);
            List<DataType> types = arguments.stream().map(Expression::dataType).toList();
            return new RowFunction("xxhash64", arguments, DataTypes.LongType, false, RowFunction.Nullability.NEVER,
                    values -> {
                long hash = SEED;
                for (int i = 0; i < values.length; i++) {
                    hash = XxHash64.hashValue(values[i], types.get(i), hash);
                }
                return hash;
            });
        });
    }

    private static void digest(FunctionRegistry registry, String name, String algorithm) {
        registry.register(name, (arguments, context) -> {
            FunctionRegistry.checkArity(name, arguments, 1, 1);
            return new RowFunction(name, List.of(Arguments.binary(name, arguments, 0, context)), DataTypes.StringType,
                    true, RowFunction.Nullability.ANY_ARGUMENT, values -> hexDigest(algorithm, (byte[]) values[0]));
        });
    }

    static String hexDigest(String algorithm, byte[] input) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(input));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks " + algorithm, e);
        }
    }

    private static Expression hash(List<Expression> arguments, FunctionContext context) {
        FunctionRegistry.checkArity("hash", arguments, 1, Integer.MAX_VALUE);
        List<DataType> types = arguments.stream().map(Expression::dataType).toList();
        return new RowFunction("hash", arguments, DataTypes.IntegerType, false, RowFunction.Nullability.NEVER,
                values -> {
            int hash = SEED;
            for (int i = 0; i < values.length; i++) {
                hash = hashValue(values[i], types.get(i), hash);
            }
            return hash;
        });
    }

    /** Spark's {@code Murmur3HashFunction.hash}: folds a value into {@code seed}; nulls leave it unchanged. */
    static int hashValue(Object value, DataType type, int seed) {
        if (value == null) {
            return seed;
        }
        if (type instanceof BooleanType) {
            return Murmur3.hashInt((Boolean) value ? 1 : 0, seed);
        }
        if (value instanceof dev.sluice.expr.CalendarInterval c) {
            return Murmur3.hashInt(c.months(), Murmur3.hashInt(c.days(), Murmur3.hashLong(c.microseconds(), seed)));
        }
        if (dev.sluice.batch.ColumnVector.isLongBacked(type)) {
            return Murmur3.hashLong((Long) value, seed);
        }
        if (type instanceof DoubleType) {
            double d = (Double) value;
            return Murmur3.hashLong(Double.doubleToLongBits(d == -0.0d ? 0.0d : d), seed);
        }
        if (type instanceof FloatType) {
            float f = (Float) value;
            return Murmur3.hashInt(Float.floatToIntBits(f == -0.0f ? 0.0f : f), seed);
        }
        if (type instanceof DecimalType decimal) {
            BigDecimal d = (BigDecimal) value;
            return decimal.precision() <= 18 ? Murmur3.hashLong(d.unscaledValue().longValue(), seed)
                    : Murmur3.hashBytes(d.unscaledValue().toByteArray(), seed);
        }
        if (type instanceof StringType) {
            return Murmur3.hashBytes(((String) value).getBytes(StandardCharsets.UTF_8), seed);
        }
        if (type instanceof BinaryType) {
            return Murmur3.hashBytes((byte[]) value, seed);
        }
        if (type instanceof ArrayType array) {
            int hash = seed;
            for (Object element : (List<?>) value) {
                hash = hashValue(element, array.elementType(), hash);
            }
            return hash;
        }
        if (type instanceof MapType map) {
            int hash = seed;
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                hash = hashValue(entry.getKey(), map.keyType(), hash);
                hash = hashValue(entry.getValue(), map.valueType(), hash);
            }
            return hash;
        }
        if (type instanceof StructType struct) {
            int hash = seed;
            List<?> fields = (List<?>) value;
            for (int i = 0; i < struct.length(); i++) {
                hash = hashValue(fields.get(i), struct.apply(i).dataType(), hash);
            }
            return hash;
        }
        // byte, short, int and date are ints
        return Murmur3.hashInt((Integer) value, seed);
    }

    /** Murmur3 x86 32-bit as Spark implements it (trailing bytes are mixed one at a time). */
    static final class Murmur3 {
        private static final int C1 = 0xcc9e2d51;
        private static final int C2 = 0x1b873593;

        private Murmur3() {
        }

        static int hashInt(int input, int seed) {
            return finish(mixH1(seed, mixK1(input)), 4);
        }

        static int hashLong(long input, int seed) {
            int h1 = mixH1(seed, mixK1((int) input));
            h1 = mixH1(h1, mixK1((int) (input >>> 32)));
            return finish(h1, 8);
        }

        static int hashBytes(byte[] bytes, int seed) {
            int aligned = bytes.length - bytes.length % 4;
            int h1 = seed;
            for (int i = 0; i < aligned; i += 4) {
                int word = (bytes[i] & 0xFF) | (bytes[i + 1] & 0xFF) << 8 | (bytes[i + 2] & 0xFF) << 16
                        | (bytes[i + 3] & 0xFF) << 24;
                h1 = mixH1(h1, mixK1(word));
            }
            for (int i = aligned; i < bytes.length; i++) {
                h1 = mixH1(h1, mixK1(bytes[i]));
            }
            return finish(h1, bytes.length);
        }

        private static int mixK1(int k1) {
            return Integer.rotateLeft(k1 * C1, 15) * C2;
        }

        private static int mixH1(int h1, int k1) {
            return Integer.rotateLeft(h1 ^ k1, 13) * 5 + 0xe6546b64;
        }

        private static int finish(int h1, int length) {
            h1 ^= length;
            h1 ^= h1 >>> 16;
            h1 *= 0x85ebca6b;
            h1 ^= h1 >>> 13;
            h1 *= 0xc2b2ae35;
            h1 ^= h1 >>> 16;
            return h1;
        }
    }
}
