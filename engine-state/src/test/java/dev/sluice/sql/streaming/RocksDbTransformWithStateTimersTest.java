package dev.sluice.sql.streaming;

/** {@code transformWithState}'s timers and TTL with the RocksDB state store. */
class RocksDbTransformWithStateTimersTest extends TransformWithStateTimersTest {
    @Override
    String provider() {
        return "rocksdb";
    }
}
