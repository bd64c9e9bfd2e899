package dev.sluice.state.rocksdb;

import dev.sluice.state.KeyValue;
import dev.sluice.state.StateFiles;
import dev.sluice.state.StateStore;
import dev.sluice.state.StateStoreConf;
import dev.sluice.state.StateStoreException;
import dev.sluice.state.StateStoreId;
import dev.sluice.state.StateStoreInstanceMetrics;
import dev.sluice.state.StateStoreMetrics;
import dev.sluice.state.StateStoreProvider;
import dev.sluice.state.StateStoreProviders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Checkpoint;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatchWithIndex;
import org.rocksdb.WriteOptions;

/**
 * State store backed by one RocksDB instance per (operator, partition), as Spark's
 * {@code RocksDBStateStoreProvider}. The database works in a local folder, which is only a working copy.
 * Each version's updates go to a write batch (read-your-writes through {@link WriteBatchWithIndex}, cheaper per
 * put than a database write) that is written into the database, with the write-ahead log off, on commit and
 * before a scan, so scans iterate the database alone instead of merging the batch in. Once a version's
 * updates reached the working copy, an {@link StateStore#abort() abort} (or a failed commit) throws the working
 * copy away and the next {@link #getStore(long)} rebuilds it from the last committed manifest. A commit
 * flushes, takes a native checkpoint (hard links) and uploads it to the store directory incrementally:
 * SST files already uploaded are reused (each gets a unique name {@code sst/<local>-<uuid>.sst}), small metadata files are copied per version, and the version's
 * manifest {@code <version>.rocksdb} (a state file listing them) is written last, so a version exists
 * exactly when its manifest does. Loading a version rebuilds a local folder from its manifest.
 *
 * <p>Guarantee after a crash: the local folder is a temporary working copy and never read after a restart;
 * durability comes only from the uploaded files and manifests, so a crash at any point between the first
 * write of a version and the write of its manifest leaves the previous version as the latest, loadable one
 * (neither the WAL nor the uncommitted memtable is needed for that). Uploaded files are forced to disk, and
 * their folders synced, before the manifest is written, so the guarantee also holds after a power loss.
 *
 * <p>{@code numKeys} stays exact: a put or remove asks whether the key exists, answered by {@link KeyPresence}
 * when this version already read, wrote or scanned the key, else by a RocksDB get. A get of a key this version
 * has not written reads the database alone, without looking the key up in the write batch.
 *
 * <p>Memory is bounded by an LRU block cache and a write buffer size ({@link StateStoreConf}). Native
 * handles are released by {@link #close()}. Not thread-safe: one task at a time.
 */
public final class RocksDbStateStoreProvider implements StateStoreProvider {
    static {
        RocksDB.loadLibrary();
    }

    private static final String MANIFEST_SUFFIX = RocksDbManifest.SUFFIX;
    /** {@link KeyPresence} budgets per store version: all records, and the part recorded by scans. */
    private static final long PRESENCE_BYTES = 16L << 20;
    private static final long PRESENCE_SCAN_BYTES = 1L << 20;

    private StateStoreId id;
    private StateStoreConf conf;
    private Path localRoot;
    private Path dbDir;
    private RocksDB db;
    private Options options;
    private LRUCache cache;
    private BloomFilter filter;
    private long loadedVersion = -1;
    private long numKeys;
    private boolean storeOpen;
    /** A sealed version's upload failed: the working copy is ahead of the manifests and is rebuilt. */
    private volatile boolean stale;
    /** Local SST file name → uploaded name, for files of the current lineage (their content never changes). */
    private final Map<String, String> uploaded = new LinkedHashMap<>();
    /** Uploaded SST name → its CRC-32, recorded in every manifest that lists the file. */
    private final Map<String, Long> uploadedChecksums = new LinkedHashMap<>();

    /** ServiceLoader entry: answers to {@code rocksdb} and Spark's provider class name. */
    public static final class Factory implements StateStoreProviders.Factory {
        @Override
        public Set<String> names() {
            return Set.of("rocksdb", "org.apache.spark.sql.execution.streaming.state.rocksdbstatestoreprovider",
                    RocksDbStateStoreProvider.class.getName().toLowerCase(java.util.Locale.ROOT));
        }

        @Override
        public StateStoreProvider create() {
            return new RocksDbStateStoreProvider();
        }
    }

    @Override
    public void init(StateStoreId storeId, StateStoreConf storeConf) {
        this.id = storeId;
        this.conf = storeConf;
        try {
            this.localRoot = Files.createTempDirectory("sluice-rocksdb-");
        } catch (IOException e) {
            throw new StateStoreException(storeId + ": cannot create a local working folder: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "rocksdb";
    }

    @Override
    public long latestVersion() {
        TreeSet<Long> versions = manifestVersions();
        return versions.isEmpty() ? 0 : versions.last();
    }

    private TreeSet<Long> manifestVersions() {
        TreeSet<Long> versions = new TreeSet<>();
        Path dir = id.directory();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(MANIFEST_SUFFIX) && !n.startsWith("."))
                        .forEach(n -> versions.add(Long.parseLong(n.substring(0, n.length() - MANIFEST_SUFFIX.length()))));
            } catch (IOException e) {
                throw new StateStoreException(id + ": cannot list " + dir + ": " + e.getMessage(), e);
            }
        }
        return versions;
    }

    @Override
    public StateStore getStore(long version) {
        if (storeOpen) {
            throw new IllegalStateException(id + ": a store is already open; commit or abort it first");
        }
        if (stale || db == null || loadedVersion != version) {
            stale = false;
            load(version);
        }
        storeOpen = true;
        return new Store(version);
    }

    /** A fresh, empty working copy whose commit uploads version {@code version + 1} in full (rescaling). */
    @Override
    public StateStore getEmptyStore(long version) {
        if (storeOpen) {
            throw new IllegalStateException(id + ": a store is already open; commit or abort it first");
        }
        load(0);
        loadedVersion = -1; // not the committed version: a later getStore(version) must load its manifest
        storeOpen = true;
        return new Store(version);
    }

    private void load(long version) {
        Path previous = dbDir;
        closeDb();
        if (previous != null) {
            // an aborted or superseded working copy is never used again
            deleteRecursively(previous);
        }
        uploaded.clear();
        uploadedChecksums.clear();
        dbDir = localRoot.resolve("db-" + UUID.randomUUID());
        try {
            Files.createDirectories(dbDir);
            numKeys = 0;
            if (version > 0) {
                RocksDbManifest manifest = RocksDbManifest.read(id, version);
                manifest.restore(id.directory(), version, dbDir, uploaded, uploadedChecksums);
                numKeys = manifest.numKeys;
            }
            openDb();
            loadedVersion = version;
        } catch (IOException | RocksDBException e) {
            closeDb();
            throw new StateStoreException("CANNOT_LOAD_STATE_STORE.UNCATEGORIZED", id + ": cannot load version "
                    + version + ": " + checkpointNames(e.getMessage()) + ". " + dev.sluice.checkpoint.CheckpointFile
                    .WHAT_TO_DO, e);
        }
    }

    /**
     * A RocksDB message with the local working copy's file names replaced by the checkpoint files they were
     * loaded from, so an error about a damaged SST or MANIFEST names the file to restore, not a temporary copy.
     */
    String checkpointNames(String message) {
        if (message == null || dbDir == null) {
            return message;
        }
        String out = message;
        for (Map.Entry<String, String> sst : uploaded.entrySet()) {
            out = out.replace(dbDir.resolve(sst.getKey()).toString(), dev.sluice.checkpoint.CheckpointFile.describe(
                    id.directory().resolve("sst").resolve(sst.getValue())));
        }
        // other files (MANIFEST-*, OPTIONS-*, CURRENT) were copied from the version's <version>.meta folder
        return out.replace(dbDir.toString(), "the local working copy of " + dev.sluice.checkpoint.CheckpointFile
                .describe(id.directory()));
    }

    /** The working copy's file {@code name} (for tests of {@link #checkpointNames}). */
    Path localFile(String name) {
        return dbDir.resolve(name);
    }


    private void openDb() throws RocksDBException {
        cache = new LRUCache(conf.blockCacheSizeMb() * 1024 * 1024);
        // A bloom filter answers "is this key new?" (every put asks, for numKeys) without reading data blocks;
        // L0 filter/index blocks stay pinned so lookups don't re-read them once the cache is full.
        filter = new BloomFilter(10, false);
        BlockBasedTableConfig table = new BlockBasedTableConfig().setBlockCache(cache)
                .setFilterPolicy(filter)
                .setCacheIndexAndFilterBlocks(true)
                .setPinL0FilterAndIndexBlocksInCache(true);
        options = new Options().setCreateIfMissing(true).setTableFormatConfig(table)
                .setWriteBufferSize(conf.writeBufferSizeMb() * 1024 * 1024).setMaxWriteBufferNumber(2);
        db = RocksDB.open(options, dbDir.toString());
    }

    private void closeDb() {
        if (db != null) {
            db.close();
            db = null;
        }
        if (options != null) {
            options.close();
            options = null;
        }
        if (cache != null) {
            cache.close();
            cache = null;
        }
        if (filter != null) {
            filter.close();
            filter = null;
        }
        loadedVersion = -1;
    }


    @Override
    public void close() {
        closeDb();
        storeOpen = false;
        if (localRoot != null) {
            deleteRecursively(localRoot);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new StateStoreException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }

    private void cleanup(long latest) throws IOException {
        long oldestKept = latest - conf.minVersionsToRetain() + 1;
        TreeSet<Long> versions = manifestVersions();
        if (versions.isEmpty() || versions.first() >= oldestKept) {
            return;
        }
        Set<String> referenced = new java.util.HashSet<>();
        for (long v : versions) {
            if (v < oldestKept) {
                Files.deleteIfExists(id.directory().resolve(v + MANIFEST_SUFFIX));
                deleteRecursively(id.directory().resolve(v + ".meta"));
            } else {
                referenced.addAll(RocksDbManifest.read(id, v).sstFiles.values());
            }
        }
        Path sstDir = id.directory().resolve("sst");
        if (Files.isDirectory(sstDir)) {
            try (Stream<Path> files = Files.list(sstDir)) {
                for (Path p : files.toList()) {
                    if (!referenced.contains(p.getFileName().toString())) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    /** One version's updates in a write batch over the open database; see the class comment. */
    private final class Store implements StateStore {
        private final long version;
        /** {@code numKeys} of the loaded version, restored by an abort that keeps the working copy. */
        private final long numKeysAtOpen = numKeys;
        private final ReadOptions readOptions = new ReadOptions();
        private final WriteOptions writeOptions = new WriteOptions().setDisableWAL(true);
        private final WriteBatchWithIndex batch = new WriteBatchWithIndex(true);
        private final KeyPresence presence = new KeyPresence(PRESENCE_BYTES, PRESENCE_SCAN_BYTES);
        private boolean done;
        /** Whether updates of this version reached the working copy (abort must then discard it). */
        private boolean spilled;
        private volatile long commitTimeMs;
        private volatile long uploadedBytes;
        private volatile long filesCopied;
        private volatile long filesReused;

        Store(long version) {
            this.version = version;
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
            try {
                byte[] value = read(key);
                // a copy: the caller may reuse its key array after a get
                presence.recordRead(key, value != null);
                return value;
            } catch (RocksDBException e) {
                throw new StateStoreException(id + ": get failed: " + checkpointNames(e.getMessage()), e);
            }
        }

        /** The key's value in this version: from the database alone unless this version may have written it. */
        private byte[] read(byte[] key) throws RocksDBException {
            return presence.mayBeWritten(key) && batch.count() > 0 ? batch.getFromBatchAndDB(db, readOptions, key)
                    : db.get(readOptions, key);
        }

        /** Whether {@code key} exists in this version now, without a native call when already known. */
        private boolean exists(byte[] key) throws RocksDBException {
            byte known = presence.lookup(key);
            if (known != KeyPresence.UNKNOWN) {
                return known == KeyPresence.PRESENT;
            }
            return read(key) != null;
        }

        @Override
        public void put(byte[] key, byte[] value) {
            checkOpen();
            try {
                boolean existed = exists(key);
                batch.put(key, value);
                if (!existed) {
                    numKeys++;
                }
                presence.recordWrite(key, true, false);
            } catch (RocksDBException e) {
                throw new StateStoreException(id + ": put failed: " + checkpointNames(e.getMessage()), e);
            }
        }

        @Override
        public void remove(byte[] key) {
            checkOpen();
            try {
                if (exists(key)) {
                    batch.delete(key);
                    numKeys--;
                    presence.recordWrite(key, false, true);
                } else {
                    presence.recordRead(key, false);
                }
            } catch (RocksDBException e) {
                throw new StateStoreException(id + ": remove failed: " + checkpointNames(e.getMessage()), e);
            }
        }

        @Override
        public Iterator<KeyValue> iterator() {
            return prefixScan(new byte[0]);
        }

        @Override
        public Iterator<KeyValue> prefixScan(byte[] prefix) {
            checkOpen();
            writeBatchIntoWorkingCopy();
            RocksIterator it = db.newIterator(readOptions);
            it.seek(prefix);
            return new Iterator<>() {
                private boolean closed;

                @Override
                public boolean hasNext() {
                    if (closed) {
                        return false;
                    }
                    if (it.isValid() && startsWith(it.key(), prefix)) {
                        return true;
                    }
                    if (!it.isValid()) {
                        // an iterator also ends on an error (a damaged block): that must not look like the end
                        try {
                            it.status();
                        } catch (RocksDBException e) {
                            it.close();
                            closed = true;
                            throw new StateStoreException(id + ": scan failed: " + checkpointNames(e.getMessage()), e);
                        }
                    }
                    it.close();
                    closed = true;
                    return false;
                }

                @Override
                public KeyValue next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    KeyValue kv = new KeyValue(it.key(), it.value());
                    presence.recordScanned(kv.key());
                    it.next();
                    return kv;
                }
            };
        }

        /**
         * Writes the pending updates into the database (no WAL) so that iterators need not merge the batch;
         * from then on an abort must reload the committed version.
         */
        private void writeBatchIntoWorkingCopy() {
            if (batch.count() > 0) {
                spilled = true;
                try {
                    db.write(writeOptions, batch);
                } catch (RocksDBException e) {
                    throw new StateStoreException(id + ": cannot write updates before a scan: "
                            + checkpointNames(e.getMessage()), e);
                }
                batch.clear();
            }
        }

        private static boolean startsWith(byte[] key, byte[] prefix) {
            return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
        }

        @Override
        public long commit() {
            return seal().write();
        }

        /**
         * Writes the batch into the working copy, flushes it and takes the native checkpoint (hard links: the
         * version's files never change again), so the database may take the next version's updates while
         * {@link Sealed#write()} uploads the checkpoint and writes the manifest.
         */
        @Override
        public Sealed seal() {
            checkOpen();
            long start = System.nanoTime();
            long next = version + 1;
            Path checkpointDir = localRoot.resolve("checkpoint-" + next + "-" + UUID.randomUUID());
            try (FlushOptions flush = new FlushOptions().setWaitForFlush(true);
                 Checkpoint checkpoint = Checkpoint.create(db)) {
                spilled = true;
                db.write(writeOptions, batch);
                db.flush(flush);
                checkpoint.createCheckpoint(checkpointDir.toString());
            } catch (RocksDBException e) {
                deleteRecursively(checkpointDir);
                abort();
                closeDb();
                throw new StateStoreException("STATE_STORE_COMMIT_FAILED", id + ": cannot commit version " + next + ": "
                        + e.getMessage(), e);
            } finally {
                closeOptions();
            }
            done = true;
            storeOpen = false;
            loadedVersion = next;
            long keys = numKeys;
            long sealNanos = System.nanoTime() - start;
            commitTimeMs = sealNanos / 1_000_000;
            return () -> {
                long writeStart = System.nanoTime();
                try {
                    upload(next, keys, checkpointDir);
                } catch (IOException | RuntimeException e) {
                    // the working copy is ahead of every manifest: the next store rebuilds it from the last one
                    stale = true;
                    throw new StateStoreException("STATE_STORE_COMMIT_FAILED", id + ": cannot commit version " + next
                            + ": " + e.getMessage(), e);
                } finally {
                    deleteRecursively(checkpointDir);
                }
                commitTimeMs = (sealNanos + System.nanoTime() - writeStart) / 1_000_000;
                return next;
            };
        }

        private void upload(long next, long keys, Path checkpointDir) throws IOException {
            Path dir = id.directory();
            Path sstDir = dir.resolve("sst");
            Path metaDir = dir.resolve(next + ".meta");
            Files.createDirectories(sstDir);
            deleteRecursively(metaDir);
            Files.createDirectories(metaDir);
            RocksDbManifest manifest = new RocksDbManifest();
            manifest.numKeys = keys;
            try (Stream<Path> files = Files.list(checkpointDir)) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".sst")) {
                        String remote = uploaded.get(name);
                        if (remote == null || !Files.exists(sstDir.resolve(remote))) {
                            remote = name.substring(0, name.length() - 4) + "-" + UUID.randomUUID() + ".sst";
                            uploadedChecksums.put(remote, StateFiles.copyDurably(file, sstDir.resolve(remote)));
                            uploadedBytes += Files.size(file);
                            filesCopied++;
                            uploaded.put(name, remote);
                        } else {
                            filesReused++;
                        }
                        manifest.sstFiles.put(name, remote);
                        Long crc = uploadedChecksums.get(remote);
                        if (crc == null) {
                            // uploaded by a Sluice without checksums: the local file is the same bytes
                            crc = StateFiles.checksum(file);
                            uploadedChecksums.put(remote, crc);
                        }
                        manifest.sstChecksums.put(remote, crc);
                    } else {
                        manifest.metadataChecksums.put(name, StateFiles.copyDurably(file, metaDir.resolve(name)));
                        manifest.metadataFiles.add(name);
                    }
                }
            }
            // the manifest is what makes the version exist: every file it lists must be on disk first
            StateFiles.syncDirectory(sstDir);
            StateFiles.syncDirectory(metaDir);
            StateFiles.write(dir.resolve(next + MANIFEST_SUFFIX), manifest.toJson());
            cleanup(next);
        }

        @Override
        public void abort() {
            if (!done) {
                done = true;
                storeOpen = false;
                closeOptions();
                numKeys = numKeysAtOpen;
                if (spilled && db != null) {
                    // the working copy holds this version's writes: the next getStore reloads the manifest
                    closeDb();
                }
            }
        }

        private void closeOptions() {
            batch.close();
            readOptions.close();
            writeOptions.close();
        }

        @Override
        public StateStoreMetrics metrics() {
            long memory = 0;
            long disk = 0;
            try {
                if (db != null) {
                    memory = db.getLongProperty("rocksdb.cur-size-all-mem-tables")
                            + db.getLongProperty("rocksdb.block-cache-usage");
                    disk = db.getLongProperty("rocksdb.total-sst-files-size");
                }
            } catch (RocksDBException e) {
                throw new StateStoreException(id + ": cannot read RocksDB metrics: " + e.getMessage(), e);
            }
            // Spark's RocksDBStateStoreProvider names for the figures this provider measures; every commit
            // uploads a full checkpoint, so the last uploaded snapshot is the last committed version.
            return new StateStoreMetrics(numKeys, memory, disk, commitTimeMs, Map.of(
                    "rocksdbBytesCopied", uploadedBytes,
                    "rocksdbFilesCopied", filesCopied,
                    "rocksdbFilesReused", filesReused,
                    "rocksdbSstFileSize", disk,
                    StateStoreInstanceMetrics.snapshotLastUploaded(id.partitionId()), done ? loadedVersion : -1L));
        }
    }
}
