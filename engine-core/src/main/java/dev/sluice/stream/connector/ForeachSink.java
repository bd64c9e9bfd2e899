package dev.sluice.stream.connector;

import dev.sluice.spi.Sink;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.ForeachWriter;
import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.OutputMode;

/**
 * Writes each row with a {@link ForeachWriter}: {@code open(0, batchId)}, {@code process} per row when open
 * returned true, {@code close(error)} always. At-least-once; the writer dedupes by epoch id.
 */
public final class ForeachSink implements Sink {
    private final ForeachWriter<Row> writer;

    public ForeachSink(ForeachWriter<Row> writer) {
        this.writer = writer;
    }

    @Override
    public void addBatch(long batchId, Dataset<Row> data, OutputMode outputMode) {
        Throwable error = null;
        try {
            if (writer.open(0, batchId)) {
                for (Row row : data.collectAsList()) {
                    writer.process(row);
                }
            }
        } catch (RuntimeException | Error e) {
            error = e;
            throw e;
        } finally {
            writer.close(error);
        }
    }

    @Override
    public String description() {
        return "ForeachSink";
    }
}
