package dev.sluice.sql.streaming;

/** The stream-stream join tests (state, eviction, restart, crash recovery) with the RocksDB state store. */
class RocksDbStreamStreamJoinTest extends StreamStreamJoinTest {
    @Override
    String provider() {
        return "rocksdb";
    }
}
