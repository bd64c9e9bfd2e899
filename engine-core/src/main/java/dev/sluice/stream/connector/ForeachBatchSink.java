package dev.sluice.stream.connector;

import dev.sluice.api.java.function.VoidFunction2;
import dev.sluice.spi.BatchContext;
import dev.sluice.spi.BatchWriter;
import dev.sluice.spi.Sink;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;

/**
 * Hands each batch to user code as a batch Dataset with its id ({@code foreachBatch}). At-least-once: a
 * batch replayed after a failure is handed again with the same id and rows; the function dedupes by id.
 * Called from the query thread only; an exception fails the query.
 */
public final class ForeachBatchSink implements Sink {
    private final VoidFunction2<Dataset<Row>, Long> function;

    public ForeachBatchSink(VoidFunction2<Dataset<Row>, Long> function) {
        this.function = function;
    }

    @Override
    public BatchWriter newBatchWriter(BatchContext batch) {
        return BatchWriter.gathering(rows -> call(batch.toDataset(rows), batch.batchId()));
    }

    private void call(Dataset<Row> data, long batchId) {
        try {
            function.call(data, batchId);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("foreachBatch function failed on batch " + batchId + ": " + e, e);
        }
    }

    /** -1 in progress, as Spark's V1 sink of the same kind. */
    @Override
    public boolean reportsNumOutputRows() {
        return false;
    }

    @Override
    public String description() {
        return "ForeachBatchSink";
    }
}
