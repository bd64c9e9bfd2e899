package dev.sluice.sql.streaming;

/** transformWithState's partitions on 1, 2 and 4 threads, and the routing of older checkpoints, with RocksDB. */
class RocksDbTransformWithStatePartitionsTest extends TransformWithStatePartitionsTest {
    @Override
    String provider() {
        return "rocksdb";
    }
}
