package dev.sluice.state;

import java.util.Map;

/**
 * State store settings, read from the session with Spark's keys where they exist:
 * <ul>
 *   <li>{@code spark.sql.streaming.stateStore.providerClass}: {@code hdfs}/in-memory (default) or
 *   {@code rocksdb}, or a provider class name;</li>
 *   <li>{@code spark.sql.streaming.stateStore.minDeltasForSnapshot} (10): in-memory store, deltas between
 *   snapshots;</li>
 *   <li>{@code spark.sql.streaming.minBatchesToRetain} (100): committed versions kept loadable;</li>
 *   <li>{@code spark.sql.streaming.stateStore.rocksdb.blockCacheSizeMB} (8) and
 *   {@code spark.sql.streaming.stateStore.rocksdb.writeBufferSizeMB} (16): RocksDB memory bounds.</li>
 * </ul>
 */
public record StateStoreConf(String providerName, int minDeltasForSnapshot, int minVersionsToRetain,
                             long blockCacheSizeMb, long writeBufferSizeMb) {
    public static final String PROVIDER_CLASS = "spark.sql.streaming.stateStore.providerClass";
    public static final String MIN_DELTAS_FOR_SNAPSHOT = "spark.sql.streaming.stateStore.minDeltasForSnapshot";
    public static final String MIN_BATCHES_TO_RETAIN = "spark.sql.streaming.minBatchesToRetain";
    public static final String BLOCK_CACHE_SIZE_MB = "spark.sql.streaming.stateStore.rocksdb.blockCacheSizeMB";
    public static final String WRITE_BUFFER_SIZE_MB = "spark.sql.streaming.stateStore.rocksdb.writeBufferSizeMB";

    /** The defaults. */
    public static final StateStoreConf DEFAULT = new StateStoreConf("hdfs", 10, 100, 8, 16);

    public StateStoreConf {
        if (minDeltasForSnapshot < 1 || minVersionsToRetain < 1 || blockCacheSizeMb < 1 || writeBufferSizeMb < 1) {
            throw new IllegalArgumentException("state store settings must be positive: " + minDeltasForSnapshot + ", "
                    + minVersionsToRetain + ", " + blockCacheSizeMb + ", " + writeBufferSizeMb);
        }
    }

    /** Reads the settings from configuration values (unset keys take the defaults). */
    public static StateStoreConf from(Map<String, String> conf) {
        return new StateStoreConf(
                conf.getOrDefault(PROVIDER_CLASS, DEFAULT.providerName),
                Integer.parseInt(conf.getOrDefault(MIN_DELTAS_FOR_SNAPSHOT, "10").trim()),
                Integer.parseInt(conf.getOrDefault(MIN_BATCHES_TO_RETAIN, "100").trim()),
                Long.parseLong(conf.getOrDefault(BLOCK_CACHE_SIZE_MB, "8").trim()),
                Long.parseLong(conf.getOrDefault(WRITE_BUFFER_SIZE_MB, "16").trim()));
    }
}
