package dev.sluice.connectors.file;

import dev.sluice.batch.Chunk;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes the output of micro-batches to a directory with exactly-once visibility, as Spark's file sink:
 * each batch's rows go to new uniquely named files ({@link PartitionedFileWriter}), then the batch is
 * committed by writing its file list to the {@link FileSinkLog} (a batch without rows commits an empty
 * list and writes no file). Readers that list the directory through
 * the log see a batch's files all at once, or not at all.
 *
 * <p>Crash behaviour: a crash before the commit leaves files no reader sees; re-running the batch writes
 * new files and commits those. Re-running a batch id that is already committed writes nothing (the engine
 * may replay the last batch after a restart). If two writers race on one batch id, the loser deletes the
 * files it wrote.
 *
 * <p>Threading: one writer per sink, called by one thread at a time (the query's micro-batch thread).
 */
public final class FileSinkWriter {
    private final Path outputDirectory;
    private final FileFormat format;
    private final FormatOptions options;
    private final List<String> partitionColumns;
    private final FileSinkLog log;

    /**
     * @param outputDirectory the sink directory (created when missing); the log lives in its
     *     {@code _spark_metadata} sub-directory
     * @param partitionColumns columns to partition the output by, possibly empty
     */
    public FileSinkWriter(Path outputDirectory, FileFormat format, FormatOptions options, List<String> partitionColumns) {
        this.outputDirectory = Objects.requireNonNull(outputDirectory, "outputDirectory is null");
        this.format = Objects.requireNonNull(format, "format is null");
        this.options = Objects.requireNonNull(options, "options is null");
        this.partitionColumns = List.copyOf(partitionColumns);
        this.log = new FileSinkLog(outputDirectory);
    }

    /** The commit log of this sink. */
    public FileSinkLog log() {
        return log;
    }

    /**
     * Writes and commits batch {@code batchId}.
     *
     * @param schema the schema of {@code chunks}, partition columns included
     * @return false when the batch was already committed (nothing was written)
     */
    public boolean addBatch(long batchId, StructType schema, List<Chunk> chunks) throws IOException {
        if (log.filesOf(batchId).isPresent()) {
            return false;
        }
        Files.createDirectories(outputDirectory);
        PartitionedFileWriter writer = new PartitionedFileWriter(outputDirectory, format, options, schema, partitionColumns,
                false);
        List<PartitionedFileWriter.WrittenFile> written = writer.write(chunks);
        List<FileSinkLog.Entry> entries = new ArrayList<>();
        for (PartitionedFileWriter.WrittenFile file : written) {
            entries.add(FileSinkLog.Entry.added(file.path()));
        }
        if (!log.add(batchId, entries)) {
            for (PartitionedFileWriter.WrittenFile file : written) {
                Files.deleteIfExists(file.path());
            }
            return false;
        }
        return true;
    }
}
