package dev.sluice.benchmarks.compare;

/**
 * The workloads' query text shared by every engine, so that Sluice and Spark run literally the same
 * expressions, and the measurement arithmetic they share. Constants and pure functions only.
 */
final class Queries {
    /** W1/W2 input schema (DDL). */
    static final String EVENT_SCHEMA = "ts TIMESTAMP, key BIGINT, value BIGINT";
    static final String WATERMARK = "10 minutes";
    static final String WINDOW = "1 minute";
    /** Flattens the aggregate to (window start in epoch seconds, key, count, sum) for the digest. */
    static final String[] AGGREGATE_OUTPUT = {"CAST(window.start AS BIGINT) AS ws", "key", "cnt", "total"};
    /** W3/W5: a stateless projection of the 1-row batch. */
    static final String[] ONE_ROW_PROJECTION = {"value", "value * 2 AS doubled"};
    /** W4: the exploded line item as the output record (Cases 3-4). */
    static final String[] KAFKA_OUTPUT = {"InvoiceNumber AS key", "to_json(named_struct('StoreID', StoreID,"
            + " 'ItemCode', LineItem.ItemCode, 'TotalValue', LineItem.TotalValue)) AS value"};

    private Queries() {
    }

    static Measurement throughput(String engine, Workload workload, long units, double seconds, String check) {
        return new Measurement(engine, workload, units / seconds, check,
                String.format("%d in %.2f s", units, seconds));
    }

    /** What W1/W2 check across engines when the sink is noop: rows read, and state rows after the last batch. */
    static String aggregationCheck(long inputRows, long stateRowsAfterLastBatch) {
        return "inputRows=" + inputRows + " stateRows=" + stateRowsAfterLastBatch;
    }
}
