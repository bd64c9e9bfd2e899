package dev.sluice.stream.connector;

import dev.sluice.analysis.JavaValues;
import dev.sluice.batch.Chunk;
import dev.sluice.spi.BatchContext;
import dev.sluice.spi.BatchWriter;
import dev.sluice.spi.Sink;
import dev.sluice.sql.ForeachWriter;
import dev.sluice.sql.Row;
import java.util.List;

/**
 * Writes each row with a {@link ForeachWriter}: {@code open(0, batchId)} when the batch starts, {@code process}
 * per row as the batch's chunks arrive when open returned true, {@code close(error)} always (null once every
 * row was processed). At-least-once: a batch replayed after a crash is written again with the same epoch id,
 * by which the writer can deduplicate.
 */
public final class ForeachSink implements Sink {
    private final ForeachWriter<Row> writer;

    public ForeachSink(ForeachWriter<Row> writer) {
        this.writer = writer;
    }

    @Override
    public BatchWriter newBatchWriter(BatchContext batch) {
        boolean open = writer.open(0, batch.batchId());
        return new BatchWriter() {
            @Override
            public void write(Chunk rows) {
                if (open) {
                    for (Row row : JavaValues.toRows(List.of(rows), batch.schema())) {
                        writer.process(row);
                    }
                }
            }

            @Override
            public void commit() {
                writer.close(null);
            }

            @Override
            public void abort(Throwable cause) {
                writer.close(cause);
            }
        };
    }

    /** Real-time mode: rows are processed as they arrive; {@code open}/{@code close} once per epoch. */
    @Override
    public boolean supportsRealTime() {
        return true;
    }

    @Override
    public String description() {
        return "ForeachSink";
    }
}
