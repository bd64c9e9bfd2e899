package dev.sluice.sql.streaming;

/** The guide's watermark example (update and append modes) with the RocksDB state store. */
class RocksDbWatermarkTest extends WatermarkTest {
    @Override
    String provider() {
        return "rocksdb";
    }
}
