package dev.sluice.stream.state;

import dev.sluice.state.KeyValue;
import dev.sluice.state.StateStore;
import dev.sluice.state.StateStoreConf;
import dev.sluice.state.StateStoreId;
import dev.sluice.state.StateStoreMetrics;
import dev.sluice.state.StateStoreProvider;
import dev.sluice.state.StateStoreProviders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The state of one stateful operator: {@code partitions} versioned {@link StateStore}s (one provider per
 * partition, under {@code state/<operator>/<partition>/}), keys routed to a partition through their key-group
 * ({@link KeyGroups}: a hash of the encoded key bytes), as Spark's state partitions follow the shuffle
 * partitions. Each micro-batch
 * {@link #begin}s at the version committed after the previous batch, reads and updates keys, then
 * {@link #commit}s every partition to the next version (or {@link #abort}s).
 *
 * <p>Rescaling: when the version a run begins at was written by another number of partitions (a restart with
 * another {@code spark.sql.shuffle.partitions}; only with key-groups), the first {@link #begin} reads every
 * entry of the old partitions, and each new partition starts from an empty store
 * ({@link StateStoreProvider#getEmptyStore}) holding the entries of the key-groups it now owns; the batch's
 * commit writes them, with the batch's updates, as the next version. Until that commit the old partitions'
 * files are untouched, so a crash re-runs the batch from them. The moved entries are held in memory once.
 *
 * <p>Guarantee after a crash: each partition's version is committed atomically by its provider; a batch
 * re-run after a crash begins again at the previous version and rewrites the next one, so no update is
 * applied twice. Partitions committed before the crash are simply overwritten.
 *
 * <p>Threading: owned by the query's execution thread. Between {@link #begin} and {@link #commit}, an operator
 * may read and write keys of different partitions ({@link #partitionOf}) from different threads at once, each
 * partition from one thread at a time, and must have joined those threads before it commits, scans or
 * iterates. {@link #commit} commits the
 * partitions in parallel on a shared pool of daemon threads (each store is still used by one thread at a
 * time; the caller waits for all of them), since a commit is dominated by its file sync.
 */
public final class PartitionedStateStore implements AutoCloseable {
    private static final ExecutorService COMMITTERS = Executors.newFixedThreadPool(
            Math.max(4, Math.min(16, 2 * Runtime.getRuntime().availableProcessors())), runnable -> {
                Thread t = new Thread(runnable, "state-store-commit");
                t.setDaemon(true);
                return t;
            });

    private final StateStoreProvider[] providers;
    private final StateStore[] stores;
    private final KeyGroups keyGroups;
    private final String operator;
    private final Path checkpointRoot;
    private final int operatorId;
    private final StateStoreConf conf;
    /** The partitions that wrote the committed version the next {@link #begin} reads. */
    private int versionPartitions;
    private long version = -1;
    private long numKeys;
    private long memoryUsedBytes;
    private long commitTimeMs;
    private Map<String, Long> customMetrics = Map.of();

    /**
     * Creates (without loading anything) the providers of {@code partitions} partitions.
     *
     * @throws IllegalArgumentException for an unknown provider name or a partition count below 1
     */
    public PartitionedStateStore(Path checkpointRoot, int operatorId, KeyGroups keyGroups, StateStoreConf conf,
                                 String operator) {
        this(checkpointRoot, operatorId, keyGroups, keyGroups.partitions(), conf, operator);
    }

    /**
     * Creates the providers of {@code keyGroups.partitions()} partitions, over a state whose latest committed
     * version was written by {@code versionPartitions} partitions (another number: the first batch rescales).
     *
     * @throws IllegalArgumentException for an unknown provider name, a partition count below 1, or a
     *         rescale of a checkpoint without key-groups
     */
    public PartitionedStateStore(Path checkpointRoot, int operatorId, KeyGroups keyGroups, int versionPartitions,
                                 StateStoreConf conf, String operator) {
        int partitions = keyGroups.partitions();
        if (versionPartitions != partitions && keyGroups.keyGroups() == 0) {
            throw new IllegalArgumentException(operator + ": a state without key-groups cannot move from "
                    + versionPartitions + " to " + partitions + " partitions");
        }
        this.keyGroups = keyGroups;
        this.operator = operator;
        this.checkpointRoot = checkpointRoot;
        this.operatorId = operatorId;
        this.conf = conf;
        this.versionPartitions = versionPartitions;
        this.providers = new StateStoreProvider[partitions];
        this.stores = new StateStore[partitions];
        for (int p = 0; p < partitions; p++) {
            providers[p] = StateStoreProviders.create(conf.providerName());
            providers[p].init(new StateStoreId(checkpointRoot, operatorId, p), conf);
        }
    }

    public int partitions() {
        return providers.length;
    }

    /** Whether a batch is open. */
    public boolean inBatch() {
        return version >= 0;
    }

    /** Opens every partition at committed {@code version} (0 = empty). */
    public void begin(long version) {
        if (inBatch()) {
            throw new IllegalStateException(operator + ": a batch is already open at version " + this.version);
        }
        if (versionPartitions != stores.length && version > 0) {
            rescale(version);
        } else {
            for (int p = 0; p < stores.length; p++) {
                stores[p] = providers[p].getStore(version);
            }
        }
        this.version = version;
    }

    /** Opens every partition at {@code version} with the entries of its key-groups, read from the old partitions. */
    private void rescale(long version) {
        List<List<KeyValue>> moved = new ArrayList<>(stores.length);
        for (int p = 0; p < stores.length; p++) {
            moved.add(new ArrayList<>());
        }
        for (int old = 0; old < versionPartitions; old++) {
            // a partition folder kept by the new layout is read through its own provider, others through a
            // provider of their own for this read only
            StateStoreProvider provider = old < providers.length ? providers[old] : StateStoreProviders.create(
                    conf.providerName());
            try {
                if (old >= providers.length) {
                    provider.init(new StateStoreId(checkpointRoot, operatorId, old), conf);
                }
                StateStore store = provider.getStore(version);
                try {
                    for (Iterator<KeyValue> it = store.iterator(); it.hasNext(); ) {
                        KeyValue kv = it.next();
                        moved.get(keyGroups.partitionOf(kv.key())).add(kv);
                    }
                } finally {
                    store.abort();
                }
            } finally {
                if (old >= providers.length) {
                    provider.close();
                }
            }
        }
        for (int p = 0; p < stores.length; p++) {
            stores[p] = providers[p].getEmptyStore(version);
            for (KeyValue kv : moved.get(p)) {
                stores[p].put(kv.key(), kv.value());
            }
            moved.set(p, null);
        }
    }

    private StateStore store(byte[] key) {
        checkInBatch();
        return stores[keyGroups.partitionOf(key)];
    }

    /**
     * The partition owning {@code key}. Different partitions may be read and written from different threads at
     * once, as long as each partition is used by one thread at a time.
     */
    public int partitionOf(byte[] key) {
        return keyGroups.partitionOf(key);
    }

    private void checkInBatch() {
        if (!inBatch()) {
            throw new IllegalStateException(operator + ": no batch is open");
        }
    }

    /** The value of {@code key}, or null. */
    public byte[] get(byte[] key) {
        return store(key).get(key);
    }

    /** Sets {@code key} to {@code value} (neither is copied). */
    public void put(byte[] key, byte[] value) {
        store(key).put(key, value);
    }

    public void remove(byte[] key) {
        store(key).remove(key);
    }

    /**
     * Every entry of partition {@code partition}, including this batch's updates. Don't update that partition
     * while iterating; other partitions may be used by other threads meanwhile.
     */
    public Iterator<KeyValue> iterator(int partition) {
        checkInBatch();
        return stores[partition].iterator();
    }

    /**
     * {@code items[0..count)} bucketed by the partition owning the key {@code keyOf} gives for each, keeping their
     * order within a bucket: the work lists of per-partition tasks.
     */
    public int[][] byPartition(int[] items, int count, java.util.function.IntFunction<byte[]> keyOf) {
        int[] owner = new int[Math.max(count, 1)];
        int[] sizes = new int[partitions()];
        for (int i = 0; i < count; i++) {
            owner[i] = partitionOf(keyOf.apply(items[i]));
            sizes[owner[i]]++;
        }
        int[][] buckets = new int[sizes.length][];
        for (int p = 0; p < sizes.length; p++) {
            buckets[p] = new int[sizes[p]];
            sizes[p] = 0;
        }
        for (int i = 0; i < count; i++) {
            buckets[owner[i]][sizes[owner[i]]++] = items[i];
        }
        return buckets;
    }

    /**
     * The entries whose key starts with {@code prefix}, partition by partition, including this batch's updates.
     * Don't update while iterating.
     */
    public Iterator<KeyValue> prefixScan(byte[] prefix) {
        checkInBatch();
        List<KeyValue> out = new ArrayList<>();
        for (StateStore store : stores) {
            store.prefixScan(prefix).forEachRemaining(out::add);
        }
        return out.iterator();
    }

    /**
     * The entries of partition {@code partition} whose key starts with {@code prefix}, including this batch's
     * updates. Don't update that partition while iterating; other partitions may be used by other threads.
     */
    public Iterator<KeyValue> prefixScan(int partition, byte[] prefix) {
        checkInBatch();
        return stores[partition].prefixScan(prefix);
    }

    /** What part of a key decides its partition. */
    public KeyGroups.Routing routing() {
        return keyGroups.routing();
    }

    /** Every entry of every partition, including this batch's updates. Don't update while iterating. */
    public Iterator<KeyValue> iterator() {
        checkInBatch();
        return new Iterator<>() {
            private int partition;
            private Iterator<KeyValue> current = stores[0].iterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && partition + 1 < stores.length) {
                    current = stores[++partition].iterator();
                }
                return current.hasNext();
            }

            @Override
            public KeyValue next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /** Commits every partition as version {@code begin version + 1}; records the metrics. */
    public void commit() {
        checkInBatch();
        long start = System.nanoTime();
        List<Future<StateStoreMetrics>> commits = new ArrayList<>(stores.length);
        for (StateStore store : stores) {
            commits.add(COMMITTERS.submit(() -> {
                store.commit();
                return store.metrics();
            }));
        }
        List<StateStoreMetrics> metrics = new ArrayList<>(stores.length);
        RuntimeException failure = null;
        for (int p = 0; p < stores.length; p++) {
            try {
                metrics.add(commits.get(p).get());
                stores[p] = null;
            } catch (ExecutionException e) {
                failure = failure != null ? failure : asRuntime(e.getCause(), "commit of partition " + p);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure != null ? failure : new IllegalStateException(operator + ": commit interrupted", e);
            }
        }
        if (failure != null) {
            // partitions that committed keep their new version; the batch is re-run from the previous one
            abort();
            throw failure;
        }
        recordMetrics(metrics);
        commitTimeMs = (System.nanoTime() - start) / 1_000_000;
        versionPartitions = stores.length;
        version = -1;
    }

    /**
     * Seals every partition (in parallel) as version {@code begin version + 1} ({@link StateStore#seal()}): once
     * this returns, the next {@link #begin} may open that version and update it while the returned write makes it
     * durable, on any one thread, partitions in parallel. The next seal or commit must wait for that write. The
     * metrics (and {@link #commitTimeMs()}: the sealing) are those of the sealed version. When a partition cannot be
     * sealed, every partition is aborted and the batch is re-run from the previous version.
     */
    public Runnable seal() {
        checkInBatch();
        long start = System.nanoTime();
        List<Future<StateStore.Sealed>> seals = new ArrayList<>(stores.length);
        for (StateStore store : stores) {
            seals.add(COMMITTERS.submit(store::seal));
        }
        StateStore.Sealed[] sealed = new StateStore.Sealed[stores.length];
        RuntimeException failure = null;
        for (int p = 0; p < stores.length; p++) {
            try {
                sealed[p] = seals.get(p).get();
            } catch (ExecutionException e) {
                failure = failure != null ? failure : asRuntime(e.getCause(), "seal of partition " + p);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure != null ? failure : new IllegalStateException(operator + ": seal interrupted", e);
            }
        }
        if (failure != null) {
            abort();
            throw failure;
        }
        List<StateStoreMetrics> metrics = new ArrayList<>(stores.length);
        for (StateStore store : stores) {
            metrics.add(store.metrics());
        }
        recordMetrics(metrics);
        commitTimeMs = (System.nanoTime() - start) / 1_000_000;
        Arrays.fill(stores, null);
        versionPartitions = stores.length;
        version = -1;
        return () -> {
            List<Future<Long>> writes = new ArrayList<>(sealed.length);
            for (StateStore.Sealed s : sealed) {
                writes.add(COMMITTERS.submit(s::write));
            }
            RuntimeException writeFailure = null;
            for (int p = 0; p < writes.size(); p++) {
                try {
                    writes.get(p).get();
                } catch (ExecutionException e) {
                    writeFailure = writeFailure != null ? writeFailure : asRuntime(e.getCause(), "commit of partition " + p);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    writeFailure = writeFailure != null ? writeFailure
                            : new IllegalStateException(operator + ": commit interrupted", e);
                }
            }
            if (writeFailure != null) {
                throw writeFailure;
            }
        };
    }

    private RuntimeException asRuntime(Throwable cause, String what) {
        return cause instanceof RuntimeException r ? r : new IllegalStateException(operator + ": " + what + " failed", cause);
    }

    private void recordMetrics(List<StateStoreMetrics> metrics) {
        long keys = 0;
        long memory = 0;
        Map<String, Long> custom = new TreeMap<>();
        for (StateStoreMetrics m : metrics) {
            keys += m.numKeys();
            memory += m.memoryUsedBytes();
            m.customMetrics().forEach((name, value) -> custom.merge(name, value, Long::sum));
        }
        numKeys = keys;
        memoryUsedBytes = memory;
        customMetrics = Map.copyOf(custom);
    }

    /** Discards the updates of the open batch, if any. */
    public void abort() {
        for (int p = 0; p < stores.length; p++) {
            if (stores[p] != null) {
                stores[p].abort();
                stores[p] = null;
            }
        }
        version = -1;
    }

    /** Keys in the last committed version, over all partitions. */
    public long numKeys() {
        return numKeys;
    }

    public long memoryUsedBytes() {
        return memoryUsedBytes;
    }

    public long commitTimeMs() {
        return commitTimeMs;
    }

    /** The providers' custom metrics of the last commit, summed over partitions. */
    public Map<String, Long> customMetrics() {
        return customMetrics;
    }

    /** Aborts an open batch and releases every provider's resources; committed versions stay. */
    @Override
    public void close() {
        abort();
        RuntimeException failure = null;
        for (StateStoreProvider provider : providers) {
            try {
                provider.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
