package dev.sluice.benchmarks.compare;

/**
 * The five end-to-end workloads of issue 9, with the unit each is measured in, which direction is better, and
 * the target Sluice has to reach. Immutable.
 */
public enum Workload {
    /** 5M JSON rows → windowed count+sum by key with watermark → noop; in-memory state. Rows/s. */
    W1("JSON -> windowed count+sum -> noop (in-memory state)", "rows/s", true, "Sluice >= 5x Spark"),
    /** W1 with the RocksDB state store and checkpointing. Rows/s. */
    W2("W1 with the RocksDB state store", "rows/s", true, "Sluice >= 5x Spark"),
    /** Trigger-to-commit latency of 1-row micro-batches, median. Milliseconds. */
    W3_P50("1-row batch trigger-to-commit p50", "ms", false, "Sluice p50 <= 2 ms"),
    /** Trigger-to-commit latency of 1-row micro-batches, 99th percentile. Milliseconds. */
    W3_P99("1-row batch trigger-to-commit p99", "ms", false, "none (reported)"),
    /** Kafka invoices → from_json → explode → to_json → Kafka. Invoices/s. */
    W4("Kafka -> from_json -> explode -> Kafka", "invoices/s", true, "Sluice >= 3x Spark and >= Kafka Streams"),
    /** Fresh JVM: session builder to the first micro-batch committed. Milliseconds. */
    W5("fresh JVM: session start -> first batch committed", "ms", false, "Sluice <= 300 ms"),
    /** Fresh JVM: session builder to the first batch of a JSON folder source committed to a Parquet sink. Ms. */
    W6("fresh JVM: JSON folder -> Parquet, session start -> first batch committed", "ms", false,
            "Sluice <= 500 ms");

    private final String description;
    private final String unit;
    private final boolean higherIsBetter;
    private final String target;

    Workload(String description, String unit, boolean higherIsBetter, String target) {
        this.description = description;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
        this.target = target;
    }

    public String description() {
        return description;
    }

    public String unit() {
        return unit;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public String target() {
        return target;
    }
}
