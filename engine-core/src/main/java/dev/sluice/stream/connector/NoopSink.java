package dev.sluice.stream.connector;

import dev.sluice.spi.Sink;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.OutputMode;

/** Runs each batch and discards its rows (for benchmarks), as Spark's {@code noop} sink. Stateless. */
public final class NoopSink implements Sink {
    @Override
    public void addBatch(long batchId, Dataset<Row> data, OutputMode outputMode) {
        new dev.sluice.exec.BatchExecutor().execute(data.logicalPlan());
    }

    @Override
    public String description() {
        return "NoopSink";
    }
}
