package dev.sluice.connectors.file;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.spi.ConnectorCheckpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;

/**
 * The seen-files log of a streaming file source, in Spark's {@code FileStreamSourceLog} layout
 * ({@link CompactibleFileLog}): in the source's checkpoint folder ({@code sources/<n>}), one file per source
 * batch named by its id, one JSON line per file ({@code {"path":"file:/in/a.json","timestamp":
 * 1600000000000,"batchId":0}}); every {@code compactInterval}-th batch is a {@code .compact} file holding
 * every entry so far (each keeps its own {@code batchId}, so the files of any batch stay known), and older
 * batch files are deleted after {@code cleanupDelay} (settings {@code spark.sql.streaming.fileSource.log.*}).
 * A batch file is published atomically, so after a crash a batch is either complete or absent; it is never
 * rewritten. Not thread-safe (used by the query's execution thread).
 */
final class FileStreamSourceLog extends CompactibleFileLog<FileStreamSourceLog.FileEntry> {
    /** The session settings prefix of the source log's compaction settings. */
    static final String SETTINGS_PREFIX = "spark.sql.streaming.fileSource.log";

    /** One file of a batch: its qualified URI, modification time in ms and source batch id. */
    record FileEntry(String path, long timestamp, long batchId) {
        Path hadoopPath() {
            return new Path(java.net.URI.create(path));
        }
    }

    FileStreamSourceLog(FileAccess files, Path directory, Settings settings) {
        super(files, directory, settings);
    }

    /** Every batch in the log, by batch id (batches folded into compact files included). */
    TreeMap<Long, List<FileEntry>> readAll() {
        TreeMap<Long, List<FileEntry>> out = new TreeMap<>();
        try {
            for (FileEntry e : allFiles()) {
                out.computeIfAbsent(e.batchId(), id -> new ArrayList<>()).add(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the file source log " + directory, e);
        }
        return out;
    }

    /** Writes batch {@code batchId} atomically and durably. */
    void addBatch(long batchId, List<FileEntry> entries) {
        addBatch(batchId, entries, null);
    }

    /**
     * {@link #addBatch(long, List)}; {@code before}: the entries of every earlier batch in log order, or null (see
     * {@link CompactibleFileLog#add(long, List, List)}).
     */
    void addBatch(long batchId, List<FileEntry> entries, List<FileEntry> before) {
        addBatch(batchId, entries, before, true);
    }

    /**
     * {@link #addBatch(long, List, List)}; without {@code expire} the expired files are left for the caller's
     * {@link #deleteExpired(long)}.
     */
    void addBatch(long batchId, List<FileEntry> entries, List<FileEntry> before, boolean expire) {
        try {
            if (!(expire ? add(batchId, entries, before) : addWithoutExpiry(batchId, entries, before))) {
                throw new IllegalStateException("File source log batch " + batchId + " already exists in " + directory
                        + ": another query may be using this checkpoint");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write file source log batch " + batchId + " in " + directory, e);
        }
    }

    /** {@link CompactibleFileLog#deleteExpiredAfter}, with the log's error for a failure. */
    void deleteExpired(long batchId) {
        try {
            deleteExpiredAfter(batchId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete expired file source log files in " + directory, e);
        }
    }

    /** A damaged file of the source's checkpoint folder: named relative to the checkpoint, as its other files. */
    @Override
    protected RuntimeException corrupted(Path file, String why) {
        if ("file".equals(file.toUri().getScheme())) {
            return ConnectorCheckpoints.corrupted(java.nio.file.Paths.get(file.toUri()), why);
        }
        return ConnectorCheckpoints.corruptedFile("Checkpoint file " + file + " is corrupted: " + why + ". "
                + ConnectorCheckpoints.WHAT_TO_DO);
    }

    @Override
    protected void write(JsonGenerator g, FileEntry e) throws IOException {
        g.writeStartObject();
        g.writeStringField("path", e.path());
        g.writeNumberField("timestamp", e.timestamp());
        g.writeNumberField("batchId", e.batchId());
        g.writeEndObject();
    }

    @Override
    protected FileEntry parse(JsonParser p, String line, Path file) throws IOException {
        String path = null;
        long timestamp = 0;
        long batchId = 0;
        for (; p.currentToken() == JsonToken.FIELD_NAME; p.nextToken()) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "path" -> path = p.getText();
                case "timestamp" -> timestamp = p.getLongValue();
                case "batchId" -> batchId = p.getLongValue();
                default -> p.skipChildren();
            }
        }
        if (path == null) {
            throw corrupted(file, "an entry has no path");
        }
        return new FileEntry(path, timestamp, batchId);
    }
}
