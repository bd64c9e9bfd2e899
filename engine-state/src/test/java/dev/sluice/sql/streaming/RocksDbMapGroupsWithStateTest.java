package dev.sluice.sql.streaming;

/** {@code [flat]MapGroupsWithState} (state, timeouts, restart) with the RocksDB state store. */
class RocksDbMapGroupsWithStateTest extends GroupStateTest {
    @Override
    String provider() {
        return "rocksdb";
    }
}
