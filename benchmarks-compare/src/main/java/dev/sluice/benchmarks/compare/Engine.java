package dev.sluice.benchmarks.compare;

/**
 * One engine under comparison, holding its session (Sluice's or Spark's). Each method runs one workload with
 * the same query, options and measurement on every engine; the implementations differ only in API types.
 * Not thread-safe: one workload at a time. {@link #close()} stops the session.
 */
interface Engine extends AutoCloseable {
    /** Short name in the results: {@code sluice}, {@code spark}. */
    String name();

    /**
     * W1/W2: reads {@link WorkloadOptions#eventsDir()} as a stream ({@code maxFilesPerTrigger}), windows of one
     * minute with a 10-minute watermark, {@code count(*)} and {@code sum(value)} by (window, key), update mode,
     * {@code Trigger.AvailableNow}, into the noop sink (or into {@code verify} when it is not null).
     *
     * @param rocksDb the RocksDB state store instead of the in-memory one
     * @return input rows per second from start to termination
     */
    Measurement windowedAggregation(WorkloadOptions options, Workload workload, boolean rocksDb,
                                    GroupDigest verify) throws Exception;

    /** W3/W5: starts a query reading an in-memory stream of {@code bigint} rows into the noop sink. */
    OneRowQuery startOneRowQuery(WorkloadOptions options) throws Exception;

    /**
     * W4: reads the {@code invoices} topic from the earliest offset, {@code from_json}, explodes the line items
     * and writes {@code to_json(StoreID, ItemCode, TotalValue)} keyed by the invoice number to {@code topic},
     * {@code Trigger.AvailableNow}, checkpointing on.
     *
     * @return invoices per second from start to termination
     */
    Measurement kafkaPipeline(WorkloadOptions options, String bootstrapServers, String topic) throws Exception;

    /**
     * W6: streams the JSON files of {@code input} ({@link Queries#EVENT_SCHEMA}) into a Parquet folder under the
     * work folder, checkpointing on, until the files present are processed (the first batch).
     *
     * @return the number of rows the first batch wrote
     */
    long jsonFolderToParquet(WorkloadOptions options, java.nio.file.Path input) throws Exception;

    /** A running query fed one row per micro-batch. */
    interface OneRowQuery extends AutoCloseable {
        /**
         * Adds one row, waits until its batch is committed, {@code batches} times; returns each batch's
         * {@code durationMs.triggerExecution} from the engine's own progress, in batch order.
         */
        long[] runBatches(int batches) throws Exception;
    }
}
