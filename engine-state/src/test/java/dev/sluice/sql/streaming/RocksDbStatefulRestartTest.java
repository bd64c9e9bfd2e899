package dev.sluice.sql.streaming;

/** Kill-and-restart of aggregation, deduplication and limit with the RocksDB state store. */
class RocksDbStatefulRestartTest extends StatefulRestartTest {
    @Override
    String provider() {
        return "rocksdb";
    }
}
