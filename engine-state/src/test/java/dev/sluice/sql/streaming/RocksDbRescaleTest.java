package dev.sluice.sql.streaming;

/** Rescaling state 2 -> 8 -> 1 partitions across restarts, with the RocksDB state store. */
class RocksDbRescaleTest extends RescaleTest {
    @Override
    String provider() {
        return "rocksdb";
    }
}
