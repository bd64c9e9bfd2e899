package dev.sluice.stream.connector;

import dev.sluice.batch.Chunk;
import dev.sluice.expr.AttributeReference;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.spi.BatchContext;
import dev.sluice.spi.BatchWriter;
import dev.sluice.spi.Sink;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.OutputMode;
import dev.sluice.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the output in memory as a temporary view named after the query ({@code session.table(queryName)}),
 * as Spark's memory sink: append and update add the batch's rows, complete replaces them. Idempotent per
 * batch id: a batch id at or below the last one added is skipped, so a batch replayed after a failure is
 * stored once. The view is replaced atomically after each batch; readers on other threads see whole
 * batches. For tests and small results only (everything stays on the heap).
 */
public final class MemorySink implements Sink {
    private final SluiceSession session;
    private final String viewName;
    private final List<AttributeReference> output;
    private final List<Chunk> rows = new ArrayList<>();
    private long lastBatchId = -1;

    public MemorySink(SluiceSession session, String viewName, StructType schema) {
        this.session = session;
        this.viewName = viewName;
        this.output = SluiceSession.attributes(schema);
        publish();
    }

    @Override
    public BatchWriter newBatchWriter(BatchContext batch) {
        synchronized (this) {
            if (batch.batchId() <= lastBatchId) {
                return BatchWriter.discarding();
            }
        }
        return new BatchWriter() {
            private final List<Chunk> pending = new ArrayList<>();

            @Override
            public void write(Chunk chunk) {
                pending.add(chunk);
            }

            /** Real-time mode: each arrival's rows are added to the view at once (complete mode never runs so). */
            @Override
            public void flush() {
                store(-1, pending, batch.outputMode());
                pending.clear();
            }

            @Override
            public void commit() {
                store(batch.batchId(), pending, batch.outputMode());
            }
        };
    }

    /** Adds (complete mode: replaces with) {@code batch}; a {@code batchId} of -1 adds rows of an open epoch. */
    private synchronized void store(long batchId, List<Chunk> batch, OutputMode outputMode) {
        if (outputMode == OutputMode.Complete()) {
            rows.clear();
        }
        rows.addAll(batch);
        lastBatchId = Math.max(lastBatchId, batchId);
        publish();
    }

    /**
     * Real-time mode: rows become visible after each arrival; a replayed epoch after a failure within the
     * process may add them again (at least once within an epoch).
     */
    @Override
    public boolean supportsRealTime() {
        return true;
    }

    private void publish() {
        Dataset.ofRows(session, new LocalRelation(output, rows)).createOrReplaceTempView(viewName);
    }

    /** The id of the last batch stored, or -1. */
    public synchronized long latestBatchId() {
        return lastBatchId;
    }

    @Override
    public String description() {
        return "MemorySink";
    }
}
