package dev.sluice.connectors.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.spi.ConnectorCheckpoints;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A metadata log of file entries per batch with compaction, as Spark's {@code CompactibleFileStreamLog}
 * (the base of the file source's seen-files log and the file sink's {@code _spark_metadata} log). Batch
 * {@code N} is the file {@code N} holding the version line {@code v1} and one JSON entry per line; every
 * {@code compactInterval}-th batch (ids 9, 19, ... with interval 10) is written as {@code N.compact} holding
 * every entry of every batch so far ({@link #compactLogs} applied), so a reader needs only the latest compact
 * file plus the batch files after it. When the log already holds compact files, the interval is derived as
 * Spark does, so that a log written with another interval stays readable and compacts consistently.
 *
 * <p>With deletion on, adding batch {@code N} deletes the batch files older than the latest compaction at or
 * before {@code N} whose modification time is at least {@code cleanupDelay} old (readers that listed them a
 * moment earlier can still read them; a reader that misses one retries from the newer compact file).
 *
 * <p>Guarantees: a batch file is written to a hidden temporary file, synced, and published without replacing
 * ({@link FileAccess#publish}): after a crash a batch is complete or absent, never overwritten; {@link #add}
 * returns false for an id already present. Every file goes through Hadoop's FileSystem API.
 *
 * <p>Verification: the last entry of a file carries one more field, {@code "crc32":"<8 hex>"}, the CRC-32 of
 * every byte of the file before that field (from {@code v1} up to the last entry's other fields). Spark's
 * readers ignore unknown fields, so the files stay readable by Spark; a damaged file (checksum mismatch, a
 * damaged checksum field, a bad version line) fails with {@link #corrupted} naming it. A file without the
 * field, as written by Spark or by a Sluice before checksums, is read unverified; a file of a batch without
 * entries is just its version line, checked exactly.
 *
 * <p>Threading: readers may run concurrently with one writer; not thread-safe for concurrent writers of
 * one instance.
 *
 * @param <E> the entry type
 */
public abstract class CompactibleFileLog<E> {
    private static final Logger LOG = LoggerFactory.getLogger(CompactibleFileLog.class);
    private static final String VERSION = "v1";
    private static final String COMPACT_SUFFIX = ".compact";
    private static final Pattern BATCH_FILE = Pattern.compile("(\\d+)(\\.compact)?");
    /** Shared Jackson factory (thread-safe). */
    protected static final JsonFactory JSON = new JsonFactory();

    /** How a log compacts and forgets, from Spark's {@code ...log.compactInterval/deletion/cleanupDelay}. */
    public record Settings(int compactInterval, boolean deleteExpired, long cleanupDelayMs) {
        public Settings {
            if (compactInterval < 1) {
                throw new IllegalArgumentException("compactInterval must be positive, got " + compactInterval);
            }
            if (cleanupDelayMs < 0) {
                throw new IllegalArgumentException("cleanupDelay must not be negative, got " + cleanupDelayMs);
            }
        }

        /** Spark's defaults: compact every 10 batches, delete expired files after 10 minutes. */
        public static Settings defaults() {
            return new Settings(10, true, 600_000L);
        }

        /**
         * The settings of {@code prefix} ({@code spark.sql.streaming.fileSource.log} or
         * {@code spark.sql.streaming.fileSink.log}) in a session's settings, defaults otherwise.
         */
        public static Settings from(java.util.Map<String, String> sessionSettings, String prefix) {
            String interval = sessionSettings.getOrDefault(prefix + ".compactInterval", "10").trim();
            String deletion = sessionSettings.getOrDefault(prefix + ".deletion", "true").trim();
            String delay = sessionSettings.getOrDefault(prefix + ".cleanupDelay", "10m");
            int n;
            try {
                n = Integer.parseInt(interval);
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1) {
                throw new dev.sluice.SluiceIllegalArgumentException("INVALID_CONF_VALUE.REQUIREMENT", "The value '"
                        + dev.sluice.conf.OptionValues.shown(prefix, interval) + "' in the config \"" + prefix
                        + ".compactInterval\" is invalid. It must be a positive integer.", "22022");
            }
            if (!deletion.equalsIgnoreCase("true") && !deletion.equalsIgnoreCase("false")) {
                throw new dev.sluice.SluiceIllegalArgumentException("INVALID_CONF_VALUE.TYPE_MISMATCH", "The value '"
                        + dev.sluice.conf.OptionValues.shown(prefix, deletion) + "' in the config \"" + prefix
                        + ".deletion\" is invalid. It should be a/an 'boolean' value.", "22022");
            }
            long delayMs;
            try {
                delayMs = FileStreamOptions.timeStringAsMs(delay);
            } catch (NumberFormatException e) {
                delayMs = -1;
            }
            if (delayMs < 0) {
                throw new dev.sluice.SluiceIllegalArgumentException("INVALID_CONF_VALUE.TYPE_MISMATCH", "The value '"
                        + dev.sluice.conf.OptionValues.shown(prefix, delay) + "' in the config \"" + prefix
                        + ".cleanupDelay\" is invalid. It should be a/an 'time in ms' value.", "22022");
            }
            return new Settings(n, Boolean.parseBoolean(deletion), delayMs);
        }
    }

    /** The way the log reaches its files. */
    protected final FileAccess files;
    /** The log directory. */
    protected final Path directory;
    private final Settings settings;
    private int compactInterval;
    /** What the last expiry pass saw: skip the listing until the retained range moves or a kept file expires. */
    private long lastMinBatchIdToRetain = -1;
    private long nextExpiryMs = Long.MIN_VALUE;

    protected CompactibleFileLog(FileAccess files, Path directory, Settings settings) {
        this.files = files;
        this.directory = directory;
        this.settings = settings;
    }

    /** Writes one entry as a JSON object. */
    protected abstract void write(JsonGenerator generator, E entry) throws IOException;

    /** Reads one entry from {@code parser}, positioned on the first field name (or the end of the object). */
    protected abstract E parse(JsonParser parser, String line, Path file) throws IOException;

    /** The entries a compact file keeps of every entry so far (all of them by default). */
    protected List<E> compactLogs(List<E> entries) {
        return entries;
    }

    /** The log directory. */
    public Path directory() {
        return directory;
    }

    /** The compaction interval in use: the configured one, or one derived from the compact files present. */
    public int compactInterval() throws IOException {
        if (compactInterval == 0) {
            long latestCompact = -1;
            for (FileStatus status : files.list(directory)) {
                Matcher m = BATCH_FILE.matcher(status.getPath().getName());
                if (m.matches() && m.group(2) != null) {
                    latestCompact = Math.max(latestCompact, Long.parseLong(m.group(1)));
                }
            }
            compactInterval = latestCompact < 0 ? settings.compactInterval()
                    : deriveCompactInterval(settings.compactInterval(), (int) latestCompact);
        }
        return compactInterval;
    }

    /** Spark's {@code deriveCompactInterval}: an interval under which {@code latestCompactBatchId} compacts. */
    static int deriveCompactInterval(int defaultInterval, int latestCompactBatchId) {
        int n = latestCompactBatchId + 1;
        if (n <= defaultInterval) {
            return n;
        }
        if (defaultInterval < n / 2) {
            for (int i = defaultInterval; i <= n / 2; i++) {
                if (n % i == 0) {
                    return i;
                }
            }
        }
        return n;
    }

    /** Whether batch {@code batchId} is written as a compact file. */
    public boolean isCompactionBatch(long batchId) throws IOException {
        return (batchId + 1) % compactInterval() == 0;
    }

    private Path batchFile(long batchId) throws IOException {
        return new Path(directory, isCompactionBatch(batchId) ? batchId + COMPACT_SUFFIX : Long.toString(batchId));
    }

    /**
     * Commits the entries of batch {@code batchId}, atomically; a compaction batch also holds every entry
     * before it. Then deletes expired batch files when deletion is on.
     *
     * @return false, changing nothing, when the batch is already in the log
     */
    public boolean add(long batchId, List<E> entries) throws IOException {
        return add(batchId, entries, null);
    }

    /**
     * {@link #add(long, List)}, given {@code before}, every entry of the batches before {@code batchId} in log order,
     * when the caller already holds them (the file source keeps its whole log in memory): a compaction batch is then
     * written from them instead of reading the log back. Null: read back when needed.
     */
    public boolean add(long batchId, List<E> entries, List<E> before) throws IOException {
        if (!addWithoutExpiry(batchId, entries, before)) {
            return false;
        }
        deleteExpiredAfter(batchId);
        return true;
    }

    /**
     * {@link #add(long, List, List)} without deleting expired files: the caller then runs
     * {@link #deleteExpiredAfter} itself, later (the file source does it off the batch's path: nothing waits for the
     * deletes, which list the whole log folder after each compaction).
     */
    public boolean addWithoutExpiry(long batchId, List<E> entries, List<E> before) throws IOException {
        if (batchId < 0) {
            throw new IllegalArgumentException("batchId must be non-negative, got " + batchId);
        }
        Path target = batchFile(batchId);
        if (files.exists(target)) {
            return false;
        }
        List<E> content = entries;
        if (isCompactionBatch(batchId)) {
            content = new ArrayList<>(before != null ? before : entriesUpTo(batchId - 1));
            content.addAll(entries);
            content = compactLogs(content);
        }
        files.mkdirs(directory);
        return files.publish(target, serialize(content));
    }

    /**
     * Deletes the batch files that batch {@code batchId} (added) made expired, when deletion is on: Spark's
     * {@code deleteExpiredLog}, which {@link #add} runs right after the batch is durable.
     */
    public void deleteExpiredAfter(long batchId) throws IOException {
        if (settings.deleteExpired()) {
            deleteExpired(batchId);
        }
    }

    private byte[] serialize(List<E> entries) throws IOException {
        StringWriter out = new StringWriter();
        out.write(VERSION);
        for (E e : entries) {
            out.write('\n');
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                write(g, e);
            }
        }
        // the last entry carries the checksum (dev.sluice.checkpoint.LogChecksum; see the class comment)
        return ConnectorCheckpoints.sign(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Checks {@code bytes} against their checksum field when they have one (see the class comment). */
    private void verify(Path file, byte[] bytes) {
        String problem = ConnectorCheckpoints.checksumProblem(bytes);
        if (problem != null) {
            throw corrupted(file, problem);
        }
    }

    /**
     * The error for a damaged log file, naming it and saying what to do; thrown, not returned through
     * {@link IOException}, so no caller mistakes it for a missing file.
     */
    protected abstract RuntimeException corrupted(Path file, String why);

    /** Spark's {@code deleteExpiredLog}: batch files before the latest compaction, older than the delay. */
    private void deleteExpired(long currentBatchId) throws IOException {
        int interval = compactInterval();
        if (currentBatchId + 1 < interval) {
            return;
        }
        long minBatchIdToRetain = (currentBatchId + 1) / interval * interval - 1;
        long now = System.currentTimeMillis();
        // Spark lists the log folder after every batch; nothing can have expired since the last listing unless the
        // retained range moved (a compaction) or a file kept then has passed its cleanup delay since
        if (minBatchIdToRetain == lastMinBatchIdToRetain && now < nextExpiryMs) {
            return;
        }
        long expiredTime = now - settings.cleanupDelayMs();
        long nextExpiry = Long.MAX_VALUE;
        for (FileStatus status : files.list(directory)) {
            Matcher m = BATCH_FILE.matcher(status.getPath().getName());
            if (m.matches() && Long.parseLong(m.group(1)) < minBatchIdToRetain) {
                if (status.getModificationTime() <= expiredTime) {
                    files.delete(status.getPath(), false);
                    LOG.debug("Deleted expired log file {}", status.getPath());
                } else {
                    nextExpiry = Math.min(nextExpiry, status.getModificationTime() + settings.cleanupDelayMs());
                }
            }
        }
        lastMinBatchIdToRetain = minBatchIdToRetain;
        nextExpiryMs = nextExpiry;
    }

    /** The entries of batch {@code batchId}'s own file (for a compact file: every entry up to it). */
    public Optional<List<E>> get(long batchId) throws IOException {
        Path file = batchFile(batchId);
        try {
            return Optional.of(read(file));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The highest batch id in the log. */
    public OptionalLong latestBatchId() throws IOException {
        TreeMap<Long, Path> batches = listBatches();
        return batches.isEmpty() ? OptionalLong.empty() : OptionalLong.of(batches.lastKey());
    }

    /** Every entry of every batch: the latest compact file, then the batch files after it. */
    public List<E> allFiles() throws IOException {
        OptionalLong latest = latestBatchId();
        return latest.isPresent() ? entriesUpTo(latest.getAsLong()) : List.of();
    }

    /**
     * Whether the log may begin at a batch after 0 (then, without a compact file, it starts at its first batch, as
     * Spark's): true for a file sink given a new path on restart, which logs from the query's next batch on. False
     * (the default) makes a missing batch 0 an error, so a lost first file is not taken for a later start.
     */
    protected boolean startsAnywhere() {
        return false;
    }

    /** Batch files by id (a compact file under its batch id). */
    private TreeMap<Long, Path> listBatches() throws IOException {
        TreeMap<Long, Path> batches = new TreeMap<>();
        for (FileStatus status : files.list(directory)) {
            Matcher m = BATCH_FILE.matcher(status.getPath().getName());
            if (m.matches()) {
                batches.put(Long.parseLong(m.group(1)), status.getPath());
            }
        }
        return batches;
    }

    /**
     * Every entry up to batch {@code lastBatchId}: the latest compact file at or before it and the batch
     * files after it. A file deleted by a concurrent compaction while being read makes it list again once.
     */
    private List<E> entriesUpTo(long lastBatchId) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                return compactLogs(readFromLatestCompact(lastBatchId));
            } catch (FileNotFoundException e) {
                if (attempt > 0) {
                    throw e;
                }
            }
        }
    }

    private List<E> readFromLatestCompact(long lastBatchId) throws IOException {
        TreeMap<Long, Path> batches = new TreeMap<>(listBatches().headMap(lastBatchId, true));
        long start = batches.isEmpty() || !startsAnywhere() ? 0 : batches.firstKey();
        for (var batch : batches.descendingMap().entrySet()) {
            if (batch.getValue().getName().endsWith(COMPACT_SUFFIX)) {
                start = batch.getKey();
                break;
            }
        }
        List<E> out = new ArrayList<>();
        for (long id = start; id <= lastBatchId; id++) {
            Path file = batches.get(id);
            if (file == null) {
                throw ConnectorCheckpoints.corruptedFile("Batch " + id + " is missing from the log " + directory
                        + " (batches " + start + " to " + lastBatchId + " are needed). "
                        + ConnectorCheckpoints.WHAT_TO_DO);
            }
            out.addAll(read(file));
        }
        return out;
    }

    private List<E> read(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = files.open(file)) {
            bytes = in.readAllBytes();
        }
        verify(file, bytes);
        List<E> entries = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes),
                StandardCharsets.UTF_8))) {
            String version = reader.readLine();
            if (version == null || !version.equals(VERSION)) {
                throw corrupted(file, version == null ? "it is empty" : "its version line is not " + VERSION
                        + " (written by a newer version, or damaged)");
            }
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                try (JsonParser p = JSON.createParser(line)) {
                    if (p.nextToken() != JsonToken.START_OBJECT) {
                        throw corrupted(file, "an entry is not a JSON object");
                    }
                    p.nextToken();
                    entries.add(parse(p, line, file));
                } catch (com.fasterxml.jackson.core.JacksonException e) {
                    throw corrupted(file, "an entry is not valid JSON (" + e.getOriginalMessage() + ")");
                }
            }
        }
        return entries;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + directory + ")";
    }
}
