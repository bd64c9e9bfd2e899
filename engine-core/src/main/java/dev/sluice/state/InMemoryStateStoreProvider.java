package dev.sluice.state;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Spark's default state store design: the state lives in a hash map in memory; each commit writes the
 * changes of the version as {@code <version>.delta}, and every {@code minDeltasForSnapshot} versions the
 * whole map as {@code <version>.snapshot}. Loading a version reads the latest snapshot at or below it and
 * replays the deltas after it. A store opened by {@link #getEmptyStore} (rescaling) commits its version as a
 * snapshot only, since it has no delta from the previous version. Only the last {@code minVersionsToRetain} versions stay loadable; older files
 * are deleted after a commit.
 *
 * <p>Unlike Spark, the live map is not copied per version: updates are applied in place and recorded in
 * an undo log, so {@link StateStore#abort()} restores the loaded version and a batch costs O(changes), not
 * O(state).
 *
 * <p>{@link StateStore#metrics()} reports the custom metrics of Spark's {@code HDFSBackedStateStoreProvider}:
 * {@code loadedMapCacheHitCount} / {@code loadedMapCacheMissCount} (loads of a version found in memory or read
 * from files, counted over the provider's life as Spark does), {@code stateOnCurrentVersionSizeBytes}, and the
 * instance metric {@code SnapshotLastUploaded.partition_<id>_default} (the last version written as a snapshot,
 * -1 before the first). Used by one query thread at a time.
 */
public final class InMemoryStateStoreProvider implements StateStoreProvider {
    private static final byte PUT = 1;
    private static final byte REMOVE = 2;

    private StateStoreId id;
    private StateStoreConf conf;
    private HashMap<Bytes, byte[]> map;
    private long loadedVersion = -1;
    /** Estimated bytes of {@link #map}, kept up to date by every change so metrics cost O(1). */
    private long memoryBytes;
    private boolean storeOpen;
    private long loadedMapCacheHitCount;
    private long loadedMapCacheMissCount;
    private volatile long lastSnapshotVersion = -1;
    /** A sealed version's write failed: the map is ahead of the files, so the next store reloads from them. */
    private volatile boolean stale;

    @Override
    public void init(StateStoreId storeId, StateStoreConf storeConf) {
        this.id = storeId;
        this.conf = storeConf;
    }

    @Override
    public String name() {
        return "hdfs";
    }

    @Override
    public long latestVersion() {
        TreeSet<Long> versions = versionsOnDisk(".delta");
        versions.addAll(versionsOnDisk(".snapshot"));
        return versions.isEmpty() ? 0 : versions.last();
    }

    @Override
    public StateStore getStore(long version) {
        if (storeOpen) {
            throw new IllegalStateException(id + ": a store is already open; commit or abort it first");
        }
        if (stale) {
            map = null;
            stale = false;
        }
        if (version > 0 && map != null && loadedVersion == version) {
            loadedMapCacheHitCount++;
        } else if (version > 0) {
            // Spark counts neither for version 0, which it creates empty without a lookup.
            loadedMapCacheMissCount++;
        }
        if (map == null || loadedVersion != version) {
            map = load(version);
            memoryBytes = 0;
            map.forEach((k, v) -> memoryBytes += entryBytes(k, v));
            loadedVersion = version;
        }
        storeOpen = true;
        return new Store(version, false);
    }

    @Override
    public StateStore getEmptyStore(long version) {
        if (storeOpen) {
            throw new IllegalStateException(id + ": a store is already open; commit or abort it first");
        }
        map = new HashMap<>();
        memoryBytes = 0;
        loadedVersion = -1; // not the committed version: a later getStore(version) must load it from its files
        storeOpen = true;
        return new Store(version, true);
    }

    private HashMap<Bytes, byte[]> load(long version) {
        HashMap<Bytes, byte[]> loaded = new HashMap<>();
        if (version == 0) {
            return loaded;
        }
        long snapshot = 0;
        for (long v : versionsOnDisk(".snapshot")) {
            if (v <= version) {
                snapshot = v;
            }
        }
        if (snapshot > 0) {
            applyRecords(loaded, StateFiles.read(file(snapshot, ".snapshot")), file(snapshot, ".snapshot"));
        }
        for (long v = snapshot + 1; v <= version; v++) {
            Path delta = file(v, ".delta");
            if (!Files.exists(delta)) {
                throw new StateStoreException("CANNOT_LOAD_STATE_STORE.CANNOT_READ_MISSING_FILE", id + ": cannot load"
                        + " version " + version + ": delta file " + delta + " does not exist", null);
            }
            applyRecords(loaded, StateFiles.read(delta), delta);
        }
        return loaded;
    }

    private static void applyRecords(Map<Bytes, byte[]> target, byte[] payload, Path file) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload))) {
            while (in.available() > 0) {
                byte op = in.readByte();
                byte[] key = in.readNBytes(in.readInt());
                if (op == PUT) {
                    target.put(new Bytes(key), in.readNBytes(in.readInt()));
                } else if (op == REMOVE) {
                    target.remove(new Bytes(key));
                } else {
                    throw new StateStoreException("CANNOT_LOAD_STATE_STORE.CANNOT_READ_STREAMING_STATE_FILE",
                            "Error reading streaming state file " + file + ": unknown record type " + op, null);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(long version, String suffix) {
        return id.directory().resolve(version + suffix);
    }

    private TreeSet<Long> versionsOnDisk(String suffix) {
        TreeSet<Long> versions = new TreeSet<>();
        Path dir = id.directory();
        if (!Files.isDirectory(dir)) {
            return versions;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix) && !n.startsWith("."))
                    .forEach(n -> versions.add(Long.parseLong(n.substring(0, n.length() - suffix.length()))));
        } catch (IOException e) {
            throw new StateStoreException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
        return versions;
    }

    /** Deletes files no retained version needs: keeps the newest snapshot at or below the oldest retained one. */
    private void cleanup(long latest) {
        long oldestKept = latest - conf.minVersionsToRetain() + 1;
        long base = 0;
        for (long v : versionsOnDisk(".snapshot")) {
            if (v <= oldestKept) {
                base = v;
            }
        }
        if (base == 0) {
            return;
        }
        try {
            for (long v : versionsOnDisk(".snapshot")) {
                if (v < base) {
                    Files.deleteIfExists(file(v, ".snapshot"));
                }
            }
            for (long v : versionsOnDisk(".delta")) {
                if (v <= base) {
                    Files.deleteIfExists(file(v, ".delta"));
                }
            }
        } catch (IOException e) {
            throw new StateStoreException(id + ": cannot delete old state files: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        map = null;
        loadedVersion = -1;
        storeOpen = false;
    }

    /** The store over the live map, with an undo log so abort restores the loaded version. */
    private final class Store implements StateStore {
        private final long version;
        /** Started empty (rescaling): the next version is written as a snapshot, needing no earlier file. */
        private final boolean full;
        private final Map<Bytes, byte[]> undo = new HashMap<>();
        private final ByteArrayOutputStream deltaBytes = new ByteArrayOutputStream();
        private final DataOutputStream delta = new DataOutputStream(deltaBytes);
        private boolean done;
        private volatile long commitTimeMs;

        Store(long version, boolean full) {
            this.version = version;
            this.full = full;
        }

        private void checkOpen() {
            if (done) {
                throw new IllegalStateException(id + " version " + version + " was already committed or aborted");
            }
        }

        @Override
        public long version() {
            return version;
        }

        @Override
        public byte[] get(byte[] key) {
            checkOpen();
            return map.get(new Bytes(key));
        }

        @Override
        public void put(byte[] key, byte[] value) {
            checkOpen();
            Bytes k = new Bytes(key);
            byte[] previous = map.put(k, value);
            memoryBytes += entryBytes(k, value) - (previous == null ? 0 : entryBytes(k, previous));
            undo.putIfAbsent(k, previous == null ? Bytes.ABSENT : previous);
            record(PUT, key, value);
        }

        @Override
        public void remove(byte[] key) {
            checkOpen();
            Bytes k = new Bytes(key);
            byte[] previous = map.remove(k);
            memoryBytes -= previous == null ? 0 : entryBytes(k, previous);
            if (previous != null) {
                undo.putIfAbsent(k, previous);
                record(REMOVE, key, null);
            }
        }

        private void record(byte op, byte[] key, byte[] value) {
            try {
                delta.writeByte(op);
                delta.writeInt(key.length);
                delta.write(key);
                if (value != null) {
                    delta.writeInt(value.length);
                    delta.write(value);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Iterator<KeyValue> iterator() {
            checkOpen();
            List<KeyValue> all = new ArrayList<>(map.size());
            map.forEach((k, v) -> all.add(new KeyValue(k.bytes, v)));
            return all.iterator();
        }

        @Override
        public Iterator<KeyValue> prefixScan(byte[] prefix) {
            checkOpen();
            List<KeyValue> matches = new ArrayList<>();
            map.forEach((k, v) -> {
                if (k.bytes.length >= prefix.length && Arrays.equals(k.bytes, 0, prefix.length, prefix, 0, prefix.length)) {
                    matches.add(new KeyValue(k.bytes, v));
                }
            });
            return matches.iterator();
        }

        @Override
        public long commit() {
            Sealed sealed = seal();
            try {
                return sealed.write();
            } catch (RuntimeException | Error e) {
                // nothing opened the next version: the undo log still restores the previous one
                rollBack();
                throw e;
            }
        }

        /** Captures the delta (and a due snapshot) so the live map may go on into the next version at once. */
        @Override
        public Sealed seal() {
            checkOpen();
            long start = System.nanoTime();
            long next = version + 1;
            // a store started empty has no delta from the previous version: its snapshot is the version
            byte[] deltaFile = full ? null : deltaBytes.toByteArray();
            byte[] snapshot;
            try {
                snapshot = full || next % conf.minDeltasForSnapshot() == 0 ? snapshotBytes() : null;
            } catch (IOException e) {
                abort();
                throw new StateStoreException("STATE_STORE_COMMIT_FAILED", id + ": cannot commit version " + next
                        + ": " + e.getMessage(), e);
            }
            done = true;
            storeOpen = false;
            loadedVersion = next;
            long sealNanos = System.nanoTime() - start;
            commitTimeMs = sealNanos / 1_000_000;
            return () -> {
                long writeStart = System.nanoTime();
                try {
                    if (deltaFile != null) {
                        StateFiles.write(file(next, ".delta"), deltaFile);
                    }
                    if (snapshot != null) {
                        StateFiles.write(file(next, ".snapshot"), snapshot);
                        lastSnapshotVersion = next;
                    }
                    cleanup(next);
                } catch (IOException e) {
                    stale = true;
                    throw new StateStoreException("STATE_STORE_COMMIT_FAILED", id + ": cannot commit version " + next
                            + ": " + e.getMessage(), e);
                } catch (RuntimeException | Error e) {
                    stale = true;
                    throw e;
                }
                commitTimeMs = (sealNanos + System.nanoTime() - writeStart) / 1_000_000;
                return next;
            };
        }

        /** After a failed write of a sealed version no other store used: back to the version it was loaded at. */
        private void rollBack() {
            done = false;
            stale = false;
            loadedVersion = full ? -1 : version;
            abort();
        }

        private byte[] snapshotBytes() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            for (Map.Entry<Bytes, byte[]> e : map.entrySet()) {
                out.writeByte(PUT);
                out.writeInt(e.getKey().bytes.length);
                out.write(e.getKey().bytes);
                out.writeInt(e.getValue().length);
                out.write(e.getValue());
            }
            return bytes.toByteArray();
        }

        @Override
        public void abort() {
            if (done) {
                return;
            }
            undo.forEach((k, v) -> {
                if (v == Bytes.ABSENT) {
                    byte[] current = map.remove(k);
                    memoryBytes -= current == null ? 0 : entryBytes(k, current);
                } else {
                    byte[] current = map.put(k, v);
                    memoryBytes += entryBytes(k, v) - (current == null ? 0 : entryBytes(k, current));
                }
            });
            done = true;
            storeOpen = false;
        }

        @Override
        public StateStoreMetrics metrics() {
            return new StateStoreMetrics(map.size(), memoryBytes, 0, commitTimeMs, Map.of(
                    "loadedMapCacheHitCount", loadedMapCacheHitCount,
                    "loadedMapCacheMissCount", loadedMapCacheMissCount,
                    "stateOnCurrentVersionSizeBytes", memoryBytes,
                    StateStoreInstanceMetrics.snapshotLastUploaded(id.partitionId()), lastSnapshotVersion));
        }
    }

    /** Estimated heap bytes of one entry: key and value arrays plus map entry and array overheads. */
    private static long entryBytes(Bytes key, byte[] value) {
        return key.bytes.length + value.length + 64;
    }

    /** A byte array with value equality, for hash map keys. */
    private static final class Bytes {
        static final byte[] ABSENT = new byte[0];
        final byte[] bytes;
        private final int hash;

        Bytes(byte[] bytes) {
            this.bytes = bytes;
            // not Arrays.hashCode: see ByteKey (structured state keys collide under a base-31 sum)
            this.hash = ByteKey.hash(bytes);
        }


        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && b.hash == hash && Arrays.equals(b.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
