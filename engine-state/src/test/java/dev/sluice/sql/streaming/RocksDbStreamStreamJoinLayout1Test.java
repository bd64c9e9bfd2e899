package dev.sluice.sql.streaming;

/** The stream-stream join tests on join state layout version 1 with the RocksDB state store. */
class RocksDbStreamStreamJoinLayout1Test extends StreamStreamJoinLayout1Test {
    @Override
    String provider() {
        return "rocksdb";
    }
}
