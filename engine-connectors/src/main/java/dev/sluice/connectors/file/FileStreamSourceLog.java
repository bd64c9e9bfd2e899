package dev.sluice.connectors.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The seen-files log of a streaming file source, in Spark's {@code FileStreamSourceLog} layout: in the
 * source's checkpoint folder ({@code sources/<n>}), one file per source batch named by its id, holding the
 * version line {@code v1} and one JSON line per file ({@code {"path":"file:/in/a.json","timestamp":
 * 1600000000000,"batchId":0}}). A batch file is written to a hidden temporary file, forced to disk and
 * renamed atomically, so after a crash a batch is either complete or absent; it is never rewritten.
 * Not thread-safe (used by the query's execution thread).
 */
final class FileStreamSourceLog {
    /** One file of a batch: its {@code file:} URI, modification time in ms and source batch id. */
    record FileEntry(String path, long timestamp, long batchId) {
        Path localPath() {
            return Path.of(java.net.URI.create(path));
        }
    }

    private static final String VERSION = "v1";
    private static final Pattern BATCH_FILE = Pattern.compile("\\d+");
    private static final JsonFactory JSON = new JsonFactory();

    private final Path directory;

    FileStreamSourceLog(Path directory) {
        this.directory = directory;
    }

    /** Every batch in the log, by batch id. */
    TreeMap<Long, List<FileEntry>> readAll() {
        TreeMap<Long, List<FileEntry>> out = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return out;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (BATCH_FILE.matcher(name).matches()) {
                    out.put(Long.parseLong(name), read(f));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Writes batch {@code batchId} atomically and durably. */
    void add(long batchId, List<FileEntry> entries) {
        try {
            Files.createDirectories(directory);
            StringWriter text = new StringWriter();
            text.write(VERSION);
            for (FileEntry e : entries) {
                text.write('\n');
                try (JsonGenerator g = JSON.createGenerator(text)) {
                    g.writeStartObject();
                    g.writeStringField("path", e.path());
                    g.writeNumberField("timestamp", e.timestamp());
                    g.writeNumberField("batchId", e.batchId());
                    g.writeEndObject();
                }
            }
            // Spark's layout (no checksum trailer), written like every checkpoint file.
            dev.sluice.checkpoint.CheckpointFile.writeAtomically(directory.resolve(Long.toString(batchId)),
                    text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write file source log batch " + batchId + " in " + directory, e);
        }
    }

    @Override
    public String toString() {
        return directory.toString();
    }

    private static List<FileEntry> read(Path file) throws IOException {
        List<FileEntry> entries = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String version = reader.readLine();
            if (version == null || !version.equals(VERSION)) {
                throw new IOException("Unsupported file source log version '" + version + "' in " + file
                        + ": expected " + VERSION);
            }
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String path = null;
                long timestamp = 0;
                long batchId = 0;
                try (JsonParser p = JSON.createParser(line)) {
                    if (p.nextToken() != JsonToken.START_OBJECT) {
                        throw new IOException("Malformed file source log entry in " + file + ": " + line);
                    }
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        p.nextToken();
                        switch (name) {
                            case "path" -> path = p.getText();
                            case "timestamp" -> timestamp = p.getLongValue();
                            case "batchId" -> batchId = p.getLongValue();
                            default -> p.skipChildren();
                        }
                    }
                }
                if (path == null) {
                    throw new IOException("File source log entry without a path in " + file + ": " + line);
                }
                entries.add(new FileEntry(path, timestamp, batchId));
            }
        }
        return entries;
    }
}
