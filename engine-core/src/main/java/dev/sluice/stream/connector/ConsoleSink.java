package dev.sluice.stream.connector;

import dev.sluice.spi.BatchContext;
import dev.sluice.spi.BatchWriter;
import dev.sluice.spi.Sink;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.batch.Chunk;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Prints each batch, as Spark's console sink: a header of 43 dashes, {@code Batch: N}, 43 dashes, then the
 * {@code show()} table of the batch's rows and a blank line. Options {@code numRows} (default 20) and
 * {@code truncate} (default true). Not idempotent: a batch replayed after a crash is printed again (the
 * header shows the same batch id). Called from the query thread only.
 */
public final class ConsoleSink implements Sink {
    private static final String DASHES = "-------------------------------------------";

    private final int numRows;
    private final boolean truncate;
    private final Supplier<PrintStream> out;

    public ConsoleSink(int numRows, boolean truncate, Supplier<PrintStream> out) {
        this.numRows = numRows;
        this.truncate = truncate;
        this.out = out;
    }

    /** The text printed for one batch. */
    public String render(long batchId, Dataset<Row> data) {
        return DASHES + "\nBatch: " + batchId + "\n" + DASHES + "\n" + data.showString(numRows, truncate ? 20 : 0, false)
                + "\n";
    }

    @Override
    public BatchWriter newBatchWriter(BatchContext batch) {
        return new BatchWriter() {
            private final List<Chunk> rows = new ArrayList<>();
            private boolean printed;

            @Override
            public void write(Chunk chunk) {
                rows.add(chunk);
            }

            /** Real-time mode: the rows of each arrival are printed at once, under the epoch's id. */
            @Override
            public void flush() {
                if (!rows.isEmpty()) {
                    print();
                }
            }

            @Override
            public void commit() {
                if (!printed || !rows.isEmpty()) {
                    print();
                }
            }

            private void print() {
                PrintStream stream = out.get();
                stream.print(render(batch.batchId(), batch.toDataset(List.copyOf(rows))));
                stream.flush();
                rows.clear();
                printed = true;
            }
        };
    }

    /** Real-time mode prints each arrival's rows as they come, under the epoch's batch id. */
    @Override
    public boolean supportsRealTime() {
        return true;
    }

    @Override
    public String description() {
        return "ConsoleSink[numRows=" + numRows + ", truncate=" + truncate + "]";
    }
}
