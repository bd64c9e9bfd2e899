package dev.sluice.benchmarks;

import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.LongVector;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import dev.sluice.state.StateStore;
import dev.sluice.state.StateStoreConf;
import dev.sluice.state.StateStoreId;
import dev.sluice.state.StateStoreMetrics;
import dev.sluice.state.StateStoreProvider;
import dev.sluice.state.StateStoreProviders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Scale test of the RocksDB state store (a main class, not JMH): loads N keys (default 10,000,000) into one
 * store through the {@link StateStore} SPI, in versions of {@code batch} puts each (default 500,000), each
 * version committed (write batch, flush, native checkpoint, incremental SST upload). Meant to run with the
 * heap capped, e.g. {@code -Xmx512m}: the state lives in RocksDB's native memory and files, not on the heap.
 *
 * <p>Keys and values are {@link dev.sluice.state.RowCodec}-encoded rows, as the streaming aggregation writes
 * them: key {@code (key bigint)}, value {@code (count bigint, sum bigint)}. Keys are a permutation of
 * {@code 0..N-1}, so every put inserts a new key. Prints load time, keys/s, numKeys, heap used after GC, RSS
 * and the checkpoint's size on disk; then closes the provider, creates a new one on the same checkpoint (a
 * restart) and times {@code getStore(latestVersion)} and random gets.
 *
 * <pre>
 * java -Xmx512m -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.RocksDbScaleBenchmark [keys] [batch] [dir]
 * </pre>
 */
public final class RocksDbScaleBenchmark {
    private static final StructType KEY_SCHEMA = new StructType().add("key", DataTypes.LongType);
    private static final StructType VALUE_SCHEMA = new StructType().add("count", DataTypes.LongType)
            .add("sum", DataTypes.LongType);
    private static final int RANDOM_GETS = 10_000;

    private RocksDbScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long keys = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
        Path checkpoint = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("sluice-rocksdb-scale-");
        // -DblockCacheSizeMB=... / -DwriteBufferSizeMB=... override the store defaults (8 / 16).
        StateStoreConf conf = StateStoreConf.from(Map.of(StateStoreConf.PROVIDER_CLASS, "rocksdb",
                StateStoreConf.BLOCK_CACHE_SIZE_MB, System.getProperty("blockCacheSizeMB", "8"),
                StateStoreConf.WRITE_BUFFER_SIZE_MB, System.getProperty("writeBufferSizeMB", "16")));
        StateStoreId id = new StateStoreId(checkpoint, 0, 0);
        System.out.printf("RocksDB scale: %,d keys in versions of %,d puts, max heap %,d MB, checkpoint %s%n", keys,
                batch, Runtime.getRuntime().maxMemory() >> 20, checkpoint);
        System.out.printf("conf: %s%n", conf);

        // Encoding columns, reused: one row each.
        LongVector keyCol = new LongVector(DataTypes.LongType, 1);
        LongVector countCol = new LongVector(DataTypes.LongType, 1);
        LongVector sumCol = new LongVector(DataTypes.LongType, 1);
        keyCol.appendLong(0);
        countCol.appendLong(0);
        sumCol.appendLong(0);
        ColumnVector[] keyRow = {keyCol};
        ColumnVector[] valueRow = {countCol, sumCol};
        dev.sluice.state.RowCodec keyCodec = new dev.sluice.state.RowCodec(KEY_SCHEMA);
        dev.sluice.state.RowCodec valueCodec = new dev.sluice.state.RowCodec(VALUE_SCHEMA);

        // -Drestart.only=true: skip the load, only time the restart on an existing checkpoint (dir argument).
        boolean restartOnly = Boolean.getBoolean("restart.only");
        long version;
        long start = System.nanoTime();
        long commitNanos = 0;
        long maxCommitMs = 0;
        StateStoreMetrics metrics;
        if (!restartOnly) try (StateStoreProvider provider = StateStoreProviders.create("rocksdb")) {
            provider.init(id, conf);
            version = provider.latestVersion();
            long written = 0;
            metrics = null;
            while (written < keys) {
                long batchStart = System.nanoTime();
                StateStore store = provider.getStore(version);
                long n = Math.min(batch, keys - written);
                for (long i = 0; i < n; i++) {
                    long k = permute(written + i, keys);
                    keyCol.setLong(0, k);
                    countCol.setLong(0, 1 + (k & 7));
                    sumCol.setLong(0, k * 31);
                    store.put(keyCodec.encode(keyRow, 0), valueCodec.encode(valueRow, 0));
                }
                long c0 = System.nanoTime();
                version = store.commit();
                long c = System.nanoTime() - c0;
                commitNanos += c;
                maxCommitMs = Math.max(maxCommitMs, c / 1_000_000);
                metrics = store.metrics();
                written += n;
                if (version % 2 == 0 || written == keys) {
                    System.out.printf("  v%d: %,d keys (numKeys %,d), version %.2f s (commit %d ms), heap used %,d MB,"
                            + " RSS %,d MB%n", version, written, metrics.numKeys(),
                            (System.nanoTime() - batchStart) / 1e9, c / 1_000_000, heapUsedMb(false), rssMb());
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("LOAD: %,d keys in %.1f s = %,.0f keys/s (commits %.1f s total, max %d ms), %d versions%n",
                    keys, seconds, keys / seconds, commitNanos / 1e9, maxCommitMs, version);
            System.out.printf("  numKeys %,d, RocksDB memory (memtables + block cache) %,d MB, SST bytes %,d MB%n",
                    metrics.numKeys(), metrics.memoryUsedBytes() >> 20, metrics.diskBytes() >> 20);
            System.out.printf("  heap used after GC %,d MB (max %,d MB), RSS %,d MB (VmHWM %,d MB)%n", heapUsedMb(true),
                    Runtime.getRuntime().maxMemory() >> 20, rssMb(), statusMb("VmHWM:"));
            System.out.printf("  checkpoint on disk %,d MB (%s)%n", du(checkpoint) >> 20, checkpoint);
        }

        if (restartOnly) {
            System.out.printf("  checkpoint on disk %,d MB (%s)%n", du(checkpoint) >> 20, checkpoint);
        }
        // Restart: a new provider on the same checkpoint loads the latest version.
        SplittableRandom random = new SplittableRandom(42);
        long t0 = System.nanoTime();
        try (StateStoreProvider provider = StateStoreProviders.create("rocksdb")) {
            provider.init(id, conf);
            long latest = provider.latestVersion();
            StateStore store = provider.getStore(latest);
            long loadNanos = System.nanoTime() - t0;
            long numKeys = store.metrics().numKeys();
            long g0 = System.nanoTime();
            int found = 0;
            for (int i = 0; i < RANDOM_GETS; i++) {
                // a key written by one of the committed versions (all keys after a full load)
                long k = permute(random.nextLong(numKeys), keys);
                keyCol.setLong(0, k);
                byte[] v = store.get(keyCodec.encode(keyRow, 0));
                if (v != null) {
                    found++;
                }
            }
            long getNanos = System.nanoTime() - g0;
            long firstAfterRestart = (System.nanoTime() - t0) / 1_000_000;
            store.abort();
            System.out.printf("RESTART: getStore(%d) in %d ms (numKeys %,d); %,d random gets in %d ms (%,.0f gets/s,"
                    + " %,d found); restart + gets %d ms; heap used after GC %,d MB, RSS %,d MB%n", latest,
                    loadNanos / 1_000_000, numKeys, RANDOM_GETS, getNanos / 1_000_000, RANDOM_GETS / (getNanos / 1e9),
                    found, firstAfterRestart, heapUsedMb(true), rssMb());
            if (found != RANDOM_GETS || (!restartOnly && numKeys != keys)) {
                throw new IllegalStateException("state lost: found " + found + " of " + RANDOM_GETS + ", numKeys "
                        + numKeys);
            }
        }
        if (args.length <= 2 && !restartOnly && !Boolean.getBoolean("keep")) {
            deleteRecursively(checkpoint);
        }
    }

    /** A bijection of {@code 0..n-1} (multiplicative, odd multiplier co-prime with n when n is not huge): spreads the keys. */
    private static long permute(long i, long n) {
        long m = 2_654_435_761L;
        while (gcd(m, n) != 1) {
            m += 2;
        }
        return Math.floorMod(i * m, n);
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static long heapUsedMb(boolean gc) {
        if (gc) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) >> 20;
    }

    private static long rssMb() {
        return statusMb("VmRSS:");
    }

    /** A {@code /proc/self/status} field in MB (-1 when unavailable). */
    private static long statusMb(String field) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith(field)).findFirst()
                    .map(l -> Long.parseLong(l.substring(field.length()).trim().split("\\s+")[0]) >> 10).orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    private static long du(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
