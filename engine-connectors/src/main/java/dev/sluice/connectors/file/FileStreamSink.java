package dev.sluice.connectors.file;

import dev.sluice.batch.Chunk;
import dev.sluice.exec.BatchExecutor;
import dev.sluice.spi.Sink;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.streaming.OutputMode;
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
    public void addBatch(long batchId, Dataset<Row> data, OutputMode outputMode) {
        try {
            if (writer.log().isCommitted(batchId)) {
                return;
            }
            List<Chunk> chunks = new BatchExecutor().execute(data.logicalPlan());
            writer.addBatch(batchId, data.schema(), chunks);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write batch " + batchId + " to " + path, e);
        }
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
