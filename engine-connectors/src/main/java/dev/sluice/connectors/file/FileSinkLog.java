package dev.sluice.connectors.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The commit log of a file sink, in Spark's {@code _spark_metadata} layout: one file per committed batch,
 * named by the batch id, holding the version line {@code v1} and one JSON entry per output file
 * ({@code {"path":"file:/out/part-...","size":123,"isDir":false,"modificationTime":...,
 * "blockReplication":1,"blockSize":33554432,"action":"add"}}). Every {@code compactInterval}-th batch
 * (ids 9, 19, ... by default, as Spark) is written as {@code <id>.compact} holding every live file so far,
 * so readers need the latest compact file plus the batches after it.
 *
 * <p>Guarantees: a batch file is written to a hidden temporary file, forced to disk, then published under
 * its final name with an atomic no-replace link (atomic rename where links are unsupported) and the
 * directory is forced. A crash leaves a batch either fully committed or absent (at worst a hidden
 * {@code .tmp} file, which is ignored), and a committed batch is never overwritten: {@link #add} returns
 * false for a batch id already present. Files a batch wrote but never committed stay invisible to readers
 * that go through the log.
 *
 * <p>Threading: any number of readers may use the log concurrently with one writer; two writers racing on
 * the same batch id are resolved by the no-replace publication (one wins, the other gets false).
 */
public final class FileSinkLog {
    /** The name of the log directory inside the output directory. */
    public static final String METADATA_DIR = "_spark_metadata";
    /** Spark's default {@code spark.sql.streaming.fileSink.log.compactInterval}. */
    public static final int DEFAULT_COMPACT_INTERVAL = 10;
    private static final String VERSION = "v1";
    private static final Pattern BATCH_FILE = Pattern.compile("(\\d+)(\\.compact)?");
    private static final JsonFactory JSON = new JsonFactory();

    /** One file of the log, as Spark's {@code SinkFileStatus}; {@code path} is a {@code file:} URI. */
    public record Entry(String path, long size, boolean isDir, long modificationTime, int blockReplication,
            long blockSize, String action) {
        /** Local block size Hadoop reports, written by Spark for local files. */
        public static final long LOCAL_BLOCK_SIZE = 33_554_432L;

        /** An {@code add} entry for a written file (size and modification time read from disk). */
        public static Entry added(Path file) throws IOException {
            return new Entry(toUri(file), Files.size(file), false, Files.getLastModifiedTime(file).toMillis(), 1,
                    LOCAL_BLOCK_SIZE, "add");
        }

        /** The entry's path on the local file system. */
        public Path localPath() {
            return Paths.get(URI.create(path));
        }
    }

    private final Path directory;
    private final int compactInterval;

    /** The log of the sink writing to {@code outputDirectory}, with Spark's compaction interval. */
    public FileSinkLog(Path outputDirectory) {
        this(outputDirectory, DEFAULT_COMPACT_INTERVAL);
    }

    public FileSinkLog(Path outputDirectory, int compactInterval) {
        if (compactInterval < 1) {
            throw new IllegalArgumentException("compactInterval must be positive, got " + compactInterval);
        }
        this.directory = outputDirectory.resolve(METADATA_DIR);
        this.compactInterval = compactInterval;
    }

    /** Whether {@code outputDirectory} holds a sink log (then readers must list files through it). */
    public static boolean exists(Path outputDirectory) {
        return Files.isDirectory(outputDirectory.resolve(METADATA_DIR));
    }

    /** The {@code file:} URI form Spark writes for a local path. */
    public static String toUri(Path file) {
        try {
            return new URI("file", null, file.toAbsolutePath().normalize().toString(), null).toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The log directory. */
    public Path directory() {
        return directory;
    }

    private boolean isCompaction(long batchId) {
        return (batchId + 1) % compactInterval == 0;
    }

    /**
     * Commits the files of batch {@code batchId}, atomically. For a compaction batch the file also lists
     * every live file of earlier batches.
     *
     * @return false, changing nothing, when the batch was already committed
     */
    public boolean add(long batchId, List<Entry> entries) throws IOException {
        if (batchId < 0) {
            throw new IllegalArgumentException("batchId must be non-negative, got " + batchId);
        }
        if (filesOf(batchId).isPresent()) {
            return false;
        }
        List<Entry> content = entries;
        if (isCompaction(batchId)) {
            content = new ArrayList<>(filesUpTo(batchId - 1));
            content.addAll(entries);
        }
        Files.createDirectories(directory);
        String name = isCompaction(batchId) ? batchId + ".compact" : Long.toString(batchId);
        return publish(directory.resolve(name), serialize(content));
    }

    private static byte[] serialize(List<Entry> entries) throws IOException {
        StringWriter out = new StringWriter();
        out.write(VERSION);
        for (Entry e : entries) {
            out.write('\n');
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
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
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Writes a hidden temporary file, forces it, then links it to {@code target} without replacing. */
    private boolean publish(Path target, byte[] content) throws IOException {
        Path temp = directory.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            try {
                Files.createLink(target, temp);
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException | IOException linkUnsupported) {
                if (Files.exists(target)) {
                    return false;
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        forceDirectory();
        return true;
    }

    private void forceDirectory() {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open or force a directory; the rename itself is still atomic.
        }
    }

    /** The entries of batch {@code batchId}'s log file (for a compaction batch: every live file up to it). */
    public Optional<List<Entry>> filesOf(long batchId) throws IOException {
        Path file = directory.resolve(isCompaction(batchId) ? batchId + ".compact" : Long.toString(batchId));
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(read(file));
    }

    /** The highest committed batch id. */
    public OptionalLong latestBatchId() throws IOException {
        if (!Files.isDirectory(directory)) {
            return OptionalLong.empty();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> BATCH_FILE.matcher(p.getFileName().toString())).filter(Matcher::matches)
                    .mapToLong(m -> Long.parseLong(m.group(1))).max();
        }
    }

    /** Every live file of every committed batch, in commit order ({@code delete} entries applied). */
    public List<Entry> allFiles() throws IOException {
        OptionalLong latest = latestBatchId();
        return latest.isPresent() ? filesUpTo(latest.getAsLong()) : List.of();
    }

    private List<Entry> filesUpTo(long lastBatchId) throws IOException {
        long start = 0;
        Map<String, Entry> live = new LinkedHashMap<>();
        for (long id = lastBatchId; id >= 0; id--) {
            if (isCompaction(id) && Files.exists(directory.resolve(id + ".compact"))) {
                apply(read(directory.resolve(id + ".compact")), live);
                start = id + 1;
                break;
            }
        }
        for (long id = start; id <= lastBatchId; id++) {
            Optional<List<Entry>> entries = filesOf(id);
            if (entries.isPresent()) {
                apply(entries.get(), live);
            }
        }
        return new ArrayList<>(live.values());
    }

    private static void apply(List<Entry> entries, Map<String, Entry> live) {
        for (Entry e : entries) {
            if (e.action().equals("delete")) {
                live.remove(e.path());
            } else {
                live.put(e.path(), e);
            }
        }
    }

    private static List<Entry> read(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String version = reader.readLine();
            if (version == null || !version.equals(VERSION)) {
                throw new IOException("Unsupported file sink log version '" + version + "' in " + file
                        + ": expected " + VERSION);
            }
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    entries.add(parse(line, file));
                }
            }
        }
        return entries;
    }

    private static Entry parse(String line, Path file) throws IOException {
        String path = null;
        String action = "add";
        long size = 0;
        long modificationTime = 0;
        long blockSize = Entry.LOCAL_BLOCK_SIZE;
        int replication = 1;
        boolean isDir = false;
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("Malformed file sink log entry in " + file + ": " + line);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
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
        }
        if (path == null) {
            throw new IOException("File sink log entry without a path in " + file + ": " + line);
        }
        return new Entry(path, size, isDir, modificationTime, replication, blockSize, action);
    }

    @Override
    public String toString() {
        return "FileSinkLog(" + directory + ")";
    }
}
