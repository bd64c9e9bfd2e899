package dev.sluice.sql.streaming;

/**
 * {@code transformWithState} (value, list and map state, timers, TTL, initial state, restarts, the state data
 * source) with the RocksDB state store.
 */
class RocksDbTransformWithStateTest extends TransformWithStateTest {
    @Override
    String provider() {
        return "rocksdb";
    }
}
