package dev.sluice.benchmarks;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.DoubleVector;
import dev.sluice.batch.LongVector;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Deterministic input data shared by the benchmarks: {@link #CHUNK_COUNT} chunks of
 * {@link Chunk#DEFAULT_ROWS} rows ({@link #TOTAL_ROWS} rows), generated from a fixed seed so every run and
 * every benchmark (engine and hand-written baseline alike) sees exactly the same values.
 */
final class BenchmarkData {
    /** Rows per chunk: the engine's preferred chunk size. */
    static final int ROWS_PER_CHUNK = Chunk.DEFAULT_ROWS;
    /** Number of chunks per data set. */
    static final int CHUNK_COUNT = 256;
    /** Rows per data set (2^20); a compile-time constant so it can feed {@code @OperationsPerInvocation}. */
    static final int TOTAL_ROWS = 4096 * 256;
    /** Seed of every generator. */
    static final long SEED = 20_250_601L;

    /** One hour of event time, in microseconds, covered by {@link #windowedChunks}. */
    static final long EVENT_TIME_SPAN_MICROS = 3_600_000_000L;
    /** 2025-06-01T00:00:00Z in microseconds since the epoch: the start of the event-time span. */
    static final long EVENT_TIME_START_MICROS = 1_748_736_000_000_000L;

    /** Schema of {@link #keyedChunks}: {@code key bigint, value bigint}. */
    static final StructType KEYED_SCHEMA = new StructType()
            .add("key", DataTypes.LongType, false)
            .add("value", DataTypes.LongType, false);

    /** Schema of {@link #windowedChunks}: {@code ts timestamp, key bigint, value bigint}. */
    static final StructType WINDOWED_SCHEMA = new StructType()
            .add("ts", DataTypes.TimestampType, false)
            .add("key", DataTypes.LongType, false)
            .add("value", DataTypes.LongType, false);

    /** Schema of {@link #expressionChunks}: {@code a bigint, b double, c double (10% null), s string}. */
    static final StructType EXPRESSION_SCHEMA = new StructType()
            .add("a", DataTypes.LongType, false)
            .add("b", DataTypes.DoubleType, false)
            .add("c", DataTypes.DoubleType, true)
            .add("s", DataTypes.StringType, false);

    static {
        if (TOTAL_ROWS != ROWS_PER_CHUNK * CHUNK_COUNT) {
            throw new AssertionError("TOTAL_ROWS must equal ROWS_PER_CHUNK * CHUNK_COUNT");
        }
    }

    private BenchmarkData() {
    }

    /**
     * {@code (key, value)} rows: keys drawn uniformly from a pool of {@code distinctKeys} random longs (so
     * keys are spread over the whole long range, not a dense 0..n), values uniform in {@code [0, 1000)}.
     */
    static List<Chunk> keyedChunks(int distinctKeys) {
        Random random = new Random(SEED);
        long[] pool = keyPool(random, distinctKeys);
        List<Chunk> chunks = new ArrayList<>(CHUNK_COUNT);
        for (int c = 0; c < CHUNK_COUNT; c++) {
            long[] keys = new long[ROWS_PER_CHUNK];
            long[] values = new long[ROWS_PER_CHUNK];
            for (int i = 0; i < ROWS_PER_CHUNK; i++) {
                keys[i] = pool[random.nextInt(distinctKeys)];
                values[i] = random.nextInt(1000);
            }
            chunks.add(new Chunk(ROWS_PER_CHUNK,
                    LongVector.wrap(DataTypes.LongType, keys, ROWS_PER_CHUNK, null),
                    LongVector.wrap(DataTypes.LongType, values, ROWS_PER_CHUNK, null)));
        }
        return chunks;
    }

    /**
     * {@code (ts, key, value)} rows: event times increasing over {@link #EVENT_TIME_SPAN_MICROS} with up to
     * five seconds of jitter (an almost-ordered stream), keys from a pool of {@code distinctKeys}.
     */
    static List<Chunk> windowedChunks(int distinctKeys) {
        Random random = new Random(SEED);
        long[] pool = keyPool(random, distinctKeys);
        long step = EVENT_TIME_SPAN_MICROS / TOTAL_ROWS;
        List<Chunk> chunks = new ArrayList<>(CHUNK_COUNT);
        int row = 0;
        for (int c = 0; c < CHUNK_COUNT; c++) {
            long[] times = new long[ROWS_PER_CHUNK];
            long[] keys = new long[ROWS_PER_CHUNK];
            long[] values = new long[ROWS_PER_CHUNK];
            for (int i = 0; i < ROWS_PER_CHUNK; i++, row++) {
                times[i] = EVENT_TIME_START_MICROS + row * step + random.nextInt(5_000_000);
                keys[i] = pool[random.nextInt(distinctKeys)];
                values[i] = random.nextInt(1000);
            }
            chunks.add(new Chunk(ROWS_PER_CHUNK,
                    LongVector.wrap(DataTypes.TimestampType, times, ROWS_PER_CHUNK, null),
                    LongVector.wrap(DataTypes.LongType, keys, ROWS_PER_CHUNK, null),
                    LongVector.wrap(DataTypes.LongType, values, ROWS_PER_CHUNK, null)));
        }
        return chunks;
    }

    /**
     * Rows for the expression benchmarks: {@code a} uniform in {@code [0, 100)}, {@code b} uniform in
     * {@code [0, 100)}, {@code c} uniform with 10% nulls, {@code s} mixed-case strings of about 20
     * characters from a pool of 10,000 (so {@code lower} really has work to do).
     */
    static List<Chunk> expressionChunks() {
        Random random = new Random(SEED);
        String[] words = new String[10_000];
        for (int i = 0; i < words.length; i++) {
            words[i] = (random.nextBoolean() ? "User-" : "ACCOUNT_") + Long.toHexString(random.nextLong()).toUpperCase();
        }
        List<Chunk> chunks = new ArrayList<>(CHUNK_COUNT);
        for (int c = 0; c < CHUNK_COUNT; c++) {
            long[] a = new long[ROWS_PER_CHUNK];
            double[] b = new double[ROWS_PER_CHUNK];
            double[] cValues = new double[ROWS_PER_CHUNK];
            boolean[] cNulls = new boolean[ROWS_PER_CHUNK];
            ColumnVector s = ColumnVector.allocate(DataTypes.StringType, ROWS_PER_CHUNK);
            for (int i = 0; i < ROWS_PER_CHUNK; i++) {
                a[i] = random.nextInt(100);
                b[i] = random.nextDouble() * 100;
                cValues[i] = random.nextDouble();
                cNulls[i] = random.nextInt(10) == 0;
                s.appendString(words[random.nextInt(words.length)]);
            }
            chunks.add(new Chunk(ROWS_PER_CHUNK,
                    LongVector.wrap(DataTypes.LongType, a, ROWS_PER_CHUNK, null),
                    DoubleVector.wrap(b, ROWS_PER_CHUNK, null),
                    DoubleVector.wrap(cValues, ROWS_PER_CHUNK, cNulls),
                    s));
        }
        return chunks;
    }

    /** The number of distinct values in column {@code column} (a bigint) of {@code chunks}: for setup checks. */
    static int distinctCount(List<Chunk> chunks, int column) {
        Set<Long> distinct = new HashSet<>();
        for (Chunk chunk : chunks) {
            long[] values = ((LongVector) chunk.column(column)).values();
            for (int i = 0; i < chunk.rowCount(); i++) {
                distinct.add(values[i]);
            }
        }
        return distinct.size();
    }

    /** {@code size} distinct random longs. */
    private static long[] keyPool(Random random, int size) {
        Set<Long> seen = new HashSet<>();
        long[] pool = new long[size];
        int n = 0;
        while (n < size) {
            long candidate = random.nextLong();
            if (seen.add(candidate)) {
                pool[n++] = candidate;
            }
        }
        return pool;
    }
}
