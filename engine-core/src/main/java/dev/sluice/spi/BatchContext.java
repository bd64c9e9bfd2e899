package dev.sluice.spi;

import dev.sluice.batch.Chunk;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.OutputMode;
import dev.sluice.sql.types.StructType;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the engine tells a {@link Sink} about one micro-batch: the query's id (stable across restarts, from
 * the checkpoint's {@code metadata}), the batch id, the checkpoint location, the output mode and the schema
 * of the rows. Immutable.
 */
public final class BatchContext {
    private final String queryId;
    private final long batchId;
    private final String checkpointLocation;
    private final OutputMode outputMode;
    private final StructType schema;
    private final Function<List<Chunk>, Dataset<Row>> datasets;
    private final boolean realTime;

    /** {@code datasets} turns chunks of this batch into a batch Dataset (supplied by the engine). */
    public BatchContext(String queryId, long batchId, String checkpointLocation, OutputMode outputMode,
                        StructType schema, Function<List<Chunk>, Dataset<Row>> datasets) {
        this.queryId = Objects.requireNonNull(queryId, "queryId is null");
        this.batchId = batchId;
        this.checkpointLocation = Objects.requireNonNull(checkpointLocation, "checkpointLocation is null");
        this.outputMode = Objects.requireNonNull(outputMode, "outputMode is null");
        this.schema = Objects.requireNonNull(schema, "schema is null");
        this.datasets = Objects.requireNonNull(datasets, "datasets is null");
        this.realTime = false;
    }

    private BatchContext(BatchContext base, boolean realTime) {
        this.queryId = base.queryId;
        this.batchId = base.batchId;
        this.checkpointLocation = base.checkpointLocation;
        this.outputMode = base.outputMode;
        this.schema = base.schema;
        this.datasets = base.datasets;
        this.realTime = realTime;
    }

    /** This context for an epoch of a {@code Trigger.RealTime} query (see {@link #isRealTime()}). */
    public BatchContext asRealTimeEpoch() {
        return new BatchContext(this, true);
    }

    /**
     * Whether the batch is an epoch of a {@code Trigger.RealTime} query: rows arrive over the whole checkpoint
     * interval and {@link BatchWriter#flush()} follows each arrival, so a sink should send them without batching
     * delays (e.g. Kafka's {@code linger.ms}).
     */
    public boolean isRealTime() {
        return realTime;
    }

    public String queryId() {
        return queryId;
    }

    public long batchId() {
        return batchId;
    }

    public String checkpointLocation() {
        return checkpointLocation;
    }

    public OutputMode outputMode() {
        return outputMode;
    }

    /** The schema of every chunk written for this batch. */
    public StructType schema() {
        return schema;
    }

    /** A batch (non-streaming) Dataset over {@code rows} of this batch, for sinks that run user code on it. */
    public Dataset<Row> toDataset(List<Chunk> rows) {
        return datasets.apply(rows);
    }
}
