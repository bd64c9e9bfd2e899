package dev.sluice.connectors.file;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.spi.ConnectorCheckpoints;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * The commit log of a file sink, in Spark's {@code _spark_metadata} layout ({@link CompactibleFileLog}): one
 * file per committed batch, named by the batch id, holding one JSON entry per output file
 * ({@code {"path":"file:/out/part-...","size":123,"isDir":false,"modificationTime":...,
 * "blockReplication":1,"blockSize":33554432,"action":"add"}}); every {@code compactInterval}-th batch is a
 * {@code .compact} file listing every live file so far ({@code delete} entries applied), and older batch
 * files are deleted after {@code cleanupDelay} (settings {@code spark.sql.streaming.fileSink.log.*}).
 *
 * <p>Guarantees: a batch is committed atomically (complete or absent after a crash, never overwritten;
 * {@link #add} returns false for a batch id already present). Files a batch wrote but never committed stay
 * invisible to readers that go through the log; this log, not the atomicity of data file renames, is what
 * makes a batch visible exactly once on every file system (object stores included).
 *
 * <p>Threading: any number of readers may use the log concurrently with one writer; two writers racing on
 * the same batch id are resolved by the no-replace publication (one wins, the other gets false).
 */
public final class FileSinkLog extends CompactibleFileLog<FileSinkLog.Entry> {
    /** The name of the log directory inside the output directory. */
    public static final String METADATA_DIR = "_spark_metadata";
    /** The session settings prefix of the sink log's compaction settings. */
    public static final String SETTINGS_PREFIX = "spark.sql.streaming.fileSink.log";

    /** One file of the log, as Spark's {@code SinkFileStatus}; {@code path} is a qualified URI. */
    public record Entry(String path, long size, boolean isDir, long modificationTime, int blockReplication,
            long blockSize, String action) {
        /** Local block size Hadoop reports, written by Spark for local files. */
        public static final long LOCAL_BLOCK_SIZE = 33_554_432L;

        /** An {@code add} entry for a written file, from its status. */
        public static Entry added(FileStatus status) {
            return new Entry(status.getPath().toUri().toString(), status.getLen(), status.isDirectory(),
                    status.getModificationTime(), status.getReplication(), status.getBlockSize(), "add");
        }

        /** The entry's path. */
        public Path hadoopPath() {
            return new Path(java.net.URI.create(path));
        }
    }

    /** The log of the sink writing to {@code outputDirectory}, with Spark's default settings. */
    public FileSinkLog(FileAccess files, Path outputDirectory) {
        this(files, outputDirectory, Settings.defaults());
    }

    public FileSinkLog(FileAccess files, Path outputDirectory, Settings settings) {
        super(files, new Path(outputDirectory, METADATA_DIR), settings);
    }

    /** Whether {@code outputDirectory} holds a sink log (then readers must list files through it). */
    public static boolean exists(FileAccess files, Path outputDirectory) throws IOException {
        return files.isDirectory(new Path(outputDirectory, METADATA_DIR));
    }

    /** Spark's sink log compaction: files deleted by a later entry are dropped. */
    @Override
    protected List<Entry> compactLogs(List<Entry> entries) {
        Map<String, Entry> live = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.action().equals("delete")) {
                live.remove(e.path());
            } else {
                live.put(e.path(), e);
            }
        }
        return List.copyOf(live.values());
    }

    /** The entries of batch {@code batchId}'s log file (for a compaction batch: every live file up to it). */
    public Optional<List<Entry>> filesOf(long batchId) throws IOException {
        return get(batchId);
    }

    /** Whether batch {@code batchId} is committed (at or before the latest batch of the log, as Spark). */
    public boolean isCommitted(long batchId) throws IOException {
        var latest = latestBatchId();
        return latest.isPresent() && batchId <= latest.getAsLong();
    }

    /**
     * A damaged file of the log, named as {@code _spark_metadata/<file>} of its output folder; the log is what
     * readers trust, so the folder's content is unknown until the file is restored.
     */
    @Override
    protected RuntimeException corrupted(Path file, String why) {
        Path output = directory.getParent();
        return ConnectorCheckpoints.corruptedFile("File sink log file " + METADATA_DIR + "/" + file.getName()
                + " of output folder " + output + " is corrupted: " + why + ". Restore the file from a backup of the"
                + " output folder, or write to a new output folder with a new checkpointLocation");
    }

    @Override
    protected void write(JsonGenerator g, Entry e) throws IOException {
        g.writeStartObject();
        g.writeStringField("path", e.path());
        g.writeNumberField("size", e.size());
        g.writeBooleanField("isDir", e.isDir());
        g.writeNumberField("modificationTime", e.modificationTime());
        g.writeNumberField("blockReplication", e.blockReplication());
        g.writeNumberField("blockSize", e.blockSize());
        g.writeStringField("action", e.action());
        g.writeEndObject();
    }

    @Override
    protected Entry parse(JsonParser p, String line, Path file) throws IOException {
        String path = null;
        String action = "add";
        long size = 0;
        long modificationTime = 0;
        long blockSize = Entry.LOCAL_BLOCK_SIZE;
        int replication = 1;
        boolean isDir = false;
        for (; p.currentToken() == JsonToken.FIELD_NAME; p.nextToken()) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "path" -> path = p.getText();
                case "size" -> size = p.getLongValue();
                case "isDir" -> isDir = p.getBooleanValue();
                case "modificationTime" -> modificationTime = p.getLongValue();
                case "blockReplication" -> replication = p.getIntValue();
                case "blockSize" -> blockSize = p.getLongValue();
                case "action" -> action = p.getText();
                default -> p.skipChildren();
            }
        }
        if (path == null) {
            throw corrupted(file, "an entry has no path");
        }
        return new Entry(path, size, isDir, modificationTime, replication, blockSize, action);
    }

    /** A file sink given a new path on restart logs from the query's next batch id on (Spark allows it). */
    @Override
    protected boolean startsAnywhere() {
        return true;
    }
}
