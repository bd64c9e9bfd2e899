package dev.sluice.sql.streaming;

/** Streaming session windows (merging across batches, eviction, restart) with the RocksDB store. */
class RocksDbSessionWindowStreamingTest extends SessionWindowStreamingTest {
    @Override
    String provider() {
        return "rocksdb";
    }
}
