package dev.sluice.sql.streaming;

/** The join state layouts' property (version 1 = version 2, rows and state view) with the RocksDB state store. */
class RocksDbJoinStateLayoutPropertyTest extends JoinStateLayoutPropertyTest {
    @Override
    String provider() {
        return "rocksdb";
    }
}
