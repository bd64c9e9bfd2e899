package dev.sluice.sql.streaming;

/** The state data source over checkpoints written with the RocksDB state store. */
class RocksDbStateDataSourceTest extends StateDataSourceTest {
    @Override
    String provider() {
        return "rocksdb";
    }
}
