package dev.sluice.benchmarks;

import dev.sluice.state.KeyValue;
import dev.sluice.state.StateStore;
import dev.sluice.state.StateStoreConf;
import dev.sluice.state.StateStoreId;
import dev.sluice.state.StateStoreProvider;
import dev.sluice.state.StateStoreProviders;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One state store (one partition) driven through the {@code StateStore} SPI the way a windowed streaming
 * aggregation drives it, without the rest of the engine: one invocation is one version in which
 * {@value #KEYS_PER_VERSION} keys are read and written back ({@code get}, then {@code put}; half of them
 * existed, half are new, as windows advance), then the whole state is scanned and the keys older than two
 * versions are removed (eviction), then the version is committed. The state stays at about twice
 * {@value #KEYS_PER_VERSION} keys. Keys are 24 bytes (window start, end, key), values 16 bytes (count, sum).
 * {@code @Param provider}: {@code hdfs} (in-memory, delta files) or {@code rocksdb}. ops/s = keys written per
 * second, commit included.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class StateStoreBenchmark {
    static final int KEYS_PER_VERSION = 10_000;

    @Param({"hdfs", "rocksdb"})
    public String provider;

    private Path checkpoint;
    private StateStoreProvider store;
    private long version;
    private long numKeys;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        checkpoint = Files.createTempDirectory("sluice-state-store-bench-");
        store = StateStoreProviders.create(provider);
        store.init(new StateStoreId(checkpoint, 0, 0), new StateStoreConf(provider, 10, 10, 8, 16));
    }

    private static byte[] key(long window, long key) {
        return ByteBuffer.allocate(24).putLong(window).putLong(window + 60_000).putLong(key).array();
    }

    @Benchmark
    @OperationsPerInvocation(KEYS_PER_VERSION)
    public long oneVersion() {
        StateStore s = store.getStore(version);
        // version v writes windows v (new keys) and v - 1 (written by version v - 1), then evicts older windows
        long window = version;
        for (int i = 0; i < KEYS_PER_VERSION; i++) {
            long w = window - (i & 1);
            byte[] k = key(w, i >> 1);
            byte[] old = s.get(k);
            long count = old == null ? 0 : ByteBuffer.wrap(old).getLong();
            s.put(k, ByteBuffer.allocate(16).putLong(count + 1).putLong(i).array());
        }
        List<byte[]> expired = new ArrayList<>();
        for (Iterator<KeyValue> it = s.iterator(); it.hasNext(); ) {
            byte[] k = it.next().key();
            if (ByteBuffer.wrap(k).getLong() < window - 1) {
                expired.add(k);
            }
        }
        for (byte[] k : expired) {
            s.remove(k);
        }
        version = s.commit();
        numKeys = s.metrics().numKeys();
        return numKeys;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        if (version > 1 && numKeys != KEYS_PER_VERSION) {
            throw new IllegalStateException("expected " + KEYS_PER_VERSION + " keys after version " + version
                    + ", found " + numKeys);
        }
        try (Stream<Path> paths = Files.walk(checkpoint)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
