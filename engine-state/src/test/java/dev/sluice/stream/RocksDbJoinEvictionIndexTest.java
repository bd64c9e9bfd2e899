package dev.sluice.stream;

/** The join eviction index's property (indexed eviction = the full scan) with the RocksDB state store. */
class RocksDbJoinEvictionIndexTest extends JoinEvictionIndexTest {
    @Override
    String provider() {
        return "rocksdb";
    }
}
