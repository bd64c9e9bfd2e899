package dev.sluice.sql.streaming;

/** The state schema check of a restart, with the RocksDB state store. */
class RocksDbStateSchemaCheckTest extends StateSchemaCheckTest {
    @Override
    String provider() {
        return "rocksdb";
    }
}
