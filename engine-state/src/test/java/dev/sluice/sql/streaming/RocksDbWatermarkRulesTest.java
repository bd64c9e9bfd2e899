package dev.sluice.sql.streaming;

/** Deduplication with watermarks, watermark policies and AvailableNow's trailing batch with the RocksDB store. */
class RocksDbWatermarkRulesTest extends WatermarkRulesTest {
    @Override
    String provider() {
        return "rocksdb";
    }
}
