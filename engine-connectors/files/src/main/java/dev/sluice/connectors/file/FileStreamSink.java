package dev.sluice.connectors.file;

import dev.sluice.batch.Chunk;
import dev.sluice.spi.BatchContext;
import dev.sluice.spi.BatchWriter;
import dev.sluice.spi.Sink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.fs.Path;

/**
 * The streaming file sink ({@code writeStream().format("json"|"csv"|"text"|"parquet")}), as Spark's
 * {@code FileStreamSink}: append mode only; each micro-batch is written by a {@link FileSinkWriter} to new
 * files under {@code path} ({@code col=value/} directories with {@code partitionBy}) and committed in the
 * {@code _spark_metadata} log under the batch id. A batch id already in the log is skipped, so a batch
 * replayed after a crash between the sink write and the engine's commit is visible exactly once to readers
 * that list the folder through the log ({@code session.read()} does). Threading: the query's execution
 * thread only.
 */
final class FileStreamSink implements Sink {
    private final FileSinkWriter writer;
    private final String path;

    FileStreamSink(Path path, FileFormat format, FormatOptions options, List<String> partitionColumns,
            CompactibleFileLog.Settings logSettings) {
        this.path = path.toString();
        this.writer = new FileSinkWriter(path, format, options, partitionColumns, logSettings);
    }

    @Override
    public BatchWriter newBatchWriter(BatchContext batch) {
        long batchId = batch.batchId();
        FileSinkWriter.BatchFiles files;
        try {
            files = writer.begin(batchId, batch.schema());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start batch " + batchId + " in " + path, e);
        }
        if (files == null) {
            return BatchWriter.discarding(); // committed before a restart: written once already
        }
        // Rows go to their files as they arrive; the batch becomes visible when the log commits it.
        return new BatchWriter() {
            @Override
            public void write(Chunk rows) {
                try {
                    files.write(rows);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write batch " + batchId + " to " + path, e);
                }
            }

            @Override
            public void commit() {
                try {
                    files.commit();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot commit batch " + batchId + " to " + path, e);
                }
            }

            @Override
            public void abort(Throwable cause) {
                files.abort();
            }
        };
    }

    /** -1 in progress, as Spark's V1 sink of the same kind. */
    @Override
    public boolean reportsNumOutputRows() {
        return false;
    }

    @Override
    public String description() {
        return "FileSink[" + path + "]";
    }
}
