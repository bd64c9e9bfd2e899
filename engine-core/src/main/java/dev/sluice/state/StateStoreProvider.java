package dev.sluice.state;

/**
 * Creates the {@link StateStore}s of one (operator, partition) and owns their resources (files, native
 * handles). Implementations: {@link InMemoryStateStoreProvider} (engine-core) and the RocksDB provider
 * (engine-state), found by {@link StateStoreProviders}. Lifecycle: {@link #init} once, then
 * {@link #getStore} per micro-batch (one store open at a time), then {@link #close}. Not thread-safe:
 * owned by one task at a time.
 */
public interface StateStoreProvider extends AutoCloseable {
    /** Binds the provider to its store directory; creates nothing until the first commit. */
    void init(StateStoreId id, StateStoreConf conf);

    /**
     * A store at committed {@code version} (0 = empty) ready for updates.
     *
     * @throws StateStoreException when the version is not available or its files are corrupted
     */
    StateStore getStore(long version);

    /**
     * A store with no entries whose {@link StateStore#commit()} writes version {@code version + 1} in full,
     * without reading or depending on any earlier file of this partition: the new contents of a partition
     * when a restart spreads the state's key-groups over another number of partitions (the caller puts the
     * entries of the key-groups the partition now owns). Files of earlier versions stay as they are.
     *
     * @throws StateStoreException when the provider cannot rescale
     */
    default StateStore getEmptyStore(long version) {
        throw new StateStoreException("STATE_STORE_UNSUPPORTED_OPERATION", name() + " state store provider cannot"
                + " start a partition over for rescaling: restart with the checkpoint's spark.sql.shuffle.partitions",
                null);
    }

    /** The latest committed version found in the store directory (0 when none). */
    long latestVersion();

    /** Short name used in progress and errors, e.g. {@code hdfs} or {@code rocksdb}. */
    String name();

    /** Releases every resource (native handles, local working files); committed versions stay. */
    @Override
    void close();
}
