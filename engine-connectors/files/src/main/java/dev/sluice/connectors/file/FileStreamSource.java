package dev.sluice.connectors.file;

import dev.sluice.batch.Chunk;
import dev.sluice.spi.Offset;
import dev.sluice.spi.ReadLimit;
import dev.sluice.spi.Source;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming file source ({@code readStream().format("json"|"csv"|"text"|"parquet")}), as Spark's
 * {@code FileStreamSource}. Each trigger lists {@code path} (globs, {@code recursiveFileLookup},
 * {@code pathGlobFilter}; names starting with {@code .} or {@code _} are skipped), keeps the files it has
 * not seen yet, orders them by modification time then path (newest first with {@code latestFirst}),
 * applies {@code maxFilesPerTrigger} and records the chosen files as the next source batch in its seen-files
 * log ({@link FileStreamSourceLog}, in the source's checkpoint folder {@code sources/<n>}). The source's
 * offset is {@code {"logOffset":N}}, the id of the latest source batch. Partition columns found in
 * {@code col=value} folders under the source folder when the stream was defined are appended to each
 * file's rows (not with {@code recursiveFileLookup}).
 *
 * <p>{@code maxFileAge} (default 7 days) is measured from the newest file seen so far, not the clock: after
 * each batch, files older than {@code newest - maxFileAge} are forgotten and ignored if they show up, as in
 * Spark (so the first batch takes every file present).
 *
 * <p>Crash guarantee: a source batch is written to the log before the engine writes the offset that
 * names it, and is never rewritten, so after a restart offset N maps to exactly the same files and each
 * file is read by one batch only (the seen-files set is rebuilt from the log). A file is read again only if
 * it is forgotten through {@code maxFileAge} and later re-appears with a newer name or time.
 *
 * <p>Contract for writers of the watched folder: a file must appear complete and at once. Write it
 * elsewhere (or under a hidden name starting with {@code .} or {@code _}, or ending in {@code ._COPYING_})
 * and rename it into the folder; a file still being written when it is listed may be read partially, and
 * changes made to a file after it was read are never picked up.
 *
 * <p>{@code cleanSource}: when a batch is committed, its files are deleted ({@code delete}) or moved to
 * {@code sourceArchiveDir} keeping their path relative to the source folder ({@code archive}); failures
 * are logged and do not fail the query. Archiving is a rename: atomic on HDFS and local disks, a copy then
 * delete on object stores (S3A), where a crash in between can leave a file in both places (it is never read
 * twice: the seen-files log already holds it).
 *
 * <p>Column pruning ({@link dev.sluice.spi.SupportsReadSchemaPruning}): with a format that reads column subsets
 * (Parquet), only the columns and struct fields the query reads are read; the rest of each chunk is null. Filter
 * pushdown ({@link dev.sluice.spi.SupportsPushDownSourceFilters}): filters over data columns go to formats that use
 * them (Parquet skips row groups by statistics), filters over partition columns skip files; the engine re-applies the
 * query's filter, so only what is read (and counted as input rows) changes.
 *
 * <p>Listing, reading, cleaning and the seen-files log all go through {@link FileAccess} (Hadoop's FileSystem API
 * with the session's {@code spark.hadoop.*} settings; {@code java.nio} for local folders). Each trigger lists the
 * folder but reads the attributes only of names not in the seen-files map (a file already logged needs neither its
 * time nor its size), so a trigger over a folder of n old files costs n names, not n file status calls. A local
 * folder is watched ({@link ListingHint}): a trigger skips the listing when the folder is provably as it was at the
 * last listing whose files were all taken (no watch event, same modification time and inode, no sub-folder), and
 * lists as before otherwise.
 *
 * <p>Threading: the query's execution thread calls every method; {@link #read} parses the files of a batch on up to
 * {@code readThreads} threads (the session's {@code local[N]}, {@link ParallelFileReader}) and returns their chunks in
 * file order, the same chunks a sequential read gives. When the engine promises to await it
 * ({@link #deferPlanLogging}), a planned batch's log file is written and fsynced on a log thread while the engine
 * writes and fsyncs its offset entry; the engine makes that entry appear only after {@link #awaitPlanLogged}, so the
 * write-ahead order is unchanged; the deletion of expired log files that a compaction allows follows on the log thread,
 * awaited by nobody until the next trigger (its failure fails that trigger, or {@code stop}). The threads are daemons,
 * stopped by {@link #stop()}.
 */
final class FileStreamSource implements Source, dev.sluice.spi.SupportsReadSchemaPruning,
        dev.sluice.spi.SupportsPushDownSourceFilters {
    private static final Logger LOG = LoggerFactory.getLogger(FileStreamSource.class);

    /** Spark's {@code FileStreamSourceOffset}. */
    record LogOffset(long logOffset) implements Offset {
        @Override
        public String json() {
            return "{\"logOffset\":" + logOffset + "}";
        }

        static long of(Offset offset) {
            if (offset == null) {
                return -1;
            }
            if (offset instanceof LogOffset l) {
                return l.logOffset;
            }
            String json = offset.json().trim();
            try {
                if (json.startsWith("{")) {
                    return Long.parseLong(json.replaceAll("[^0-9-]", ""));
                }
                return Long.parseLong(json);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid file source offset: " + json);
            }
        }
    }

    private final FileFormat format;
    private final FormatOptions formatOptions;
    private final FileStreamOptions options;
    private final StructType dataSchema;
    private final StructType partitionSchema;
    private final StructType schema;
    private final FileStreamSourceLog log;
    private final TreeMap<Long, List<FileStreamSourceLog.FileEntry>> batches;
    private final Map<String, Long> seen = new HashMap<>();
    private long latestTimestamp = Long.MIN_VALUE;
    /** At most the oldest modification time in {@link #seen}: a purge that cannot drop a file skips the scan. */
    private long oldestSeen = Long.MAX_VALUE;
    /** {@link #description()}, worked out once: it qualifies the path, and progress asks for it every batch. */
    private final String description;
    private long lastPurgeTimestamp = Long.MIN_VALUE;
    private long currentLogOffset;
    private long lastCleaned = -1;
    private List<Listed> availableNow;
    private long availableNowFiles;
    private final ParallelFileReader reader;
    /** Says when the folder need not be listed again; null for a glob or a remote folder (listed every trigger). */
    private ListingHint hint;
    /** The last listing was of one folder, and everything it found was taken: the hint may skip the next one. */
    private boolean listingTrustworthy;
    /** Whether the engine awaits the log write of a planned batch before logging its offset ({@link #deferPlanLogging}). */
    private boolean deferLogging;
    /** The thread that finishes the seen-files log writes when they are deferred; made on first use. */
    private java.util.concurrent.ExecutorService logWriter;
    /** The deferred log write of the batch planned last, until it is awaited. */
    private java.util.concurrent.Future<?> pendingLog;
    /** The deletion of expired log files that follows it on the log thread, awaited at the next trigger and at stop. */
    private java.util.concurrent.Future<?> pendingExpiry;
    /** The data columns read, when the query reads only some and the format can skip the rest; else null. */
    private volatile StructType readSchema;
    /** The pushed filters over data columns the format uses inside each file (Parquet row groups); empty if none. */
    private volatile List<dev.sluice.sql.sources.Filter> dataFilters = List.of();
    /** The pushed filters over partition columns: a file whose partition values rule them out is not read. */
    private volatile List<dev.sluice.sql.sources.Filter> partitionFilters = List.of();

    private record Listed(String uri, long timestamp) {
    }

    FileStreamSource(FileFormat format, FormatOptions formatOptions, FileStreamOptions options, StructType dataSchema,
            StructType partitionSchema, Path metadataPath, CompactibleFileLog.Settings logSettings, int readThreads) {
        this.format = format;
        this.formatOptions = formatOptions;
        this.options = options;
        this.dataSchema = dataSchema;
        this.partitionSchema = partitionSchema;
        this.schema = FileFormatProvider.concat(dataSchema, partitionSchema);
        this.log = new FileStreamSourceLog(formatOptions.files(), metadataPath, logSettings);
        this.batches = log.readAll();
        this.currentLogOffset = batches.isEmpty() ? -1 : batches.lastKey();
        for (List<FileStreamSourceLog.FileEntry> entries : batches.values()) {
            for (FileStreamSourceLog.FileEntry e : entries) {
                addSeen(e.path(), e.timestamp());
            }
        }
        purge();
        this.description = describe();
        this.reader = new ParallelFileReader(readThreads, description);
        this.hint = ListingHint.forSource(formatOptions.files(), options.path);
    }

    /** Tests: replaces the listing hint ({@code null}: list every trigger), before the first trigger. */
    void useHint(ListingHint replacement) {
        if (hint != null) {
            hint.close();
        }
        hint = replacement;
        listingTrustworthy = false;
    }

    @Override
    public StructType schema() {
        return schema;
    }

    /**
     * Formats that read column subsets (Parquet) then read only the data columns and struct fields in
     * {@code required}; the chunks keep the full schema, the rest null ({@link PrunedChunks}).
     */
    @Override
    public void pruneReadSchema(StructType required) {
        if (!format.readsColumnSubsets()) {
            return;
        }
        List<dev.sluice.sql.types.StructField> data = new ArrayList<>();
        for (dev.sluice.sql.types.StructField f : required) {
            if (partitionSchema.indexOfIgnoreCase(f.name()) < 0 && dataSchema.indexOfIgnoreCase(f.name()) >= 0) {
                data.add(f);
            }
        }
        if (data.isEmpty()) {
            data.add(dataSchema.apply(0)); // the rows are still counted
        }
        readSchema = new StructType(data);
    }

    /**
     * Filters over data columns go to formats that use them ({@link FileFormat#usesFilters()}: Parquet skips the row
     * groups whose statistics rule them out); filters over partition columns skip whole files, as Spark's
     * {@code PartitionFilters}. The rest is left to the engine.
     */
    @Override
    public List<dev.sluice.sql.sources.Filter> pushFilters(List<dev.sluice.sql.sources.Filter> filters) {
        List<dev.sluice.sql.sources.Filter> data = format.usesFilters()
                ? filters.stream().filter(f -> PartitionPruning.only(f, dataSchema)).toList() : List.of();
        List<dev.sluice.sql.sources.Filter> partition = partitionSchema.length() == 0 ? List.of()
                : filters.stream().filter(f -> PartitionPruning.only(f, partitionSchema)).toList();
        dataFilters = data;
        partitionFilters = partition;
        List<dev.sluice.sql.sources.Filter> used = new ArrayList<>(partition);
        used.addAll(data);
        return used;
    }

    @Override
    public ReadLimit defaultReadLimit() {
        return options.maxFilesPerTrigger == null ? ReadLimit.allAvailable() : ReadLimit.maxFiles(options.maxFilesPerTrigger);
    }

    @Override
    public void prepareForTriggerAvailableNow() {
        availableNow = list();
        availableNowFiles = outstanding();
    }

    /**
     * Under {@code Trigger.AvailableNow}: {@code numFilesAvailableNow}, the files this run has to process (those
     * present at its start and not processed before), and {@code numFilesOutstanding}, those not yet processed
     * (Sluice's figures: they drive the progress bars).
     */
    @Override
    public Map<String, String> metrics(Offset latestConsumed) {
        if (availableNow == null) {
            return Map.of();
        }
        return Map.of("numFilesAvailableNow", Long.toString(availableNowFiles),
                "numFilesOutstanding", Long.toString(outstanding()));
    }

    private long outstanding() {
        return availableNow.stream().filter(f -> f.timestamp >= lastPurgeTimestamp && !seen.containsKey(key(f.uri)))
                .count();
    }

    @Override
    public void deferPlanLogging() {
        deferLogging = true;
    }

    /** Waits for the deferred log write of the last planned batch, rethrowing its failure as {@code latestOffset}'s. */
    @Override
    public void awaitPlanLogged() {
        java.util.concurrent.Future<?> pending = pendingLog;
        pendingLog = null;
        await(pending);
    }

    private void await(java.util.concurrent.Future<?> pending) {
        if (pending == null) {
            return;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    pending.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true; // a short write: finish waiting, keep the interrupt for the caller
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException("File source log write failed in " + log, e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public Offset latestOffset(Offset start, ReadLimit limit) {
        awaitPlanLogged(); // a log write still pending is finished (and its failure thrown) before the next batch
        awaitExpiry();
        List<Listed> listed;
        boolean hinted = availableNow == null && hint != null;
        FileListing.Shape shape = null;
        if (availableNow != null) {
            listed = availableNow;
        } else if (hinted && listingTrustworthy && hint.unchanged()) {
            listed = List.of(); // the folder is as the last listing left it, whose files were all taken
        } else {
            if (hinted) {
                shape = new FileListing.Shape();
                hint.beforeListing();
            }
            listed = list(shape);
        }
        List<Listed> candidates = new ArrayList<>();
        for (Listed f : listed) {
            if (f.timestamp >= lastPurgeTimestamp && !seen.containsKey(key(f.uri))) {
                candidates.add(f);
            }
        }
        boolean allTaken = candidates.size() == listed.size();
        Comparator<Listed> order = Comparator.comparingLong(Listed::timestamp);
        if (options.latestFirst) {
            order = order.reversed();
        }
        candidates.sort(order.thenComparing(Listed::uri));
        if (limit.kind() == ReadLimit.Kind.MAX_FILES && candidates.size() > limit.max()) {
            candidates = new ArrayList<>(candidates.subList(0, (int) limit.max()));
            allTaken = false;
        }
        if (!candidates.isEmpty()) {
            long batchId = currentLogOffset + 1;
            List<FileStreamSourceLog.FileEntry> entries = new ArrayList<>();
            for (Listed f : candidates) {
                entries.add(new FileStreamSourceLog.FileEntry(f.uri, f.timestamp, batchId));
            }
            writeLog(batchId, entries);
            batches.put(batchId, entries);
            for (Listed f : candidates) {
                addSeen(f.uri, f.timestamp);
            }
            currentLogOffset = batchId;
            LOG.debug("File source batch {}: {} new files", batchId, entries.size());
        }
        boolean forgot = purge();
        if (shape != null) {
            // a sub-folder, a sink log, a file left aside or one forgotten: the folder's status cannot vouch for them
            listingTrustworthy = shape.folders == 1 && !shape.sinkLog && allTaken && !forgot;
            hint.afterListing(listingTrustworthy);
        } else if (forgot) {
            listingTrustworthy = false;
        }
        return currentLogOffset < 0 ? null : new LogOffset(currentLogOffset);
    }

    /**
     * Writes source batch {@code batchId} to the seen-files log: at once, or on the log thread when the engine awaits
     * it ({@link #awaitPlanLogged}) before logging the offset that names the batch. A compaction batch is written from
     * the entries held in memory (every batch of the log is), not from the log read back.
     */
    private void writeLog(long batchId, List<FileStreamSourceLog.FileEntry> entries) {
        List<FileStreamSourceLog.FileEntry> before;
        try {
            before = log.isCompactionBatch(batchId) ? earlierEntries(batchId) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the file source log " + log.directory(), e);
        }
        if (!deferLogging) {
            log.addBatch(batchId, entries, before);
            return;
        }
        if (logWriter == null) {
            logWriter = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "file source log writer for " + options.path);
                t.setDaemon(true);
                return t;
            });
        }
        java.util.concurrent.Future<?> write = logWriter.submit(() -> log.addBatch(batchId, entries, before, false));
        pendingLog = write;
        // deleting expired log files lists the whole log folder after a compaction: on the log thread after the write,
        // not awaited by the offset entry (the engine needs the batch durable, not the old files gone)
        pendingExpiry = logWriter.submit(() -> {
            try {
                write.get(); // done: the log thread ran it first
            } catch (java.util.concurrent.ExecutionException e) {
                return null; // not written (awaitPlanLogged reports why): a compaction that failed expires nothing
            }
            log.deleteExpired(batchId);
            return null;
        });
    }

    /** Waits for the expiry that followed the last deferred log write, rethrowing its failure. */
    private void awaitExpiry() {
        java.util.concurrent.Future<?> pending = pendingExpiry;
        pendingExpiry = null;
        await(pending);
    }

    /** Every logged entry of the batches before {@code batchId}, in log order (batch by batch). */
    private List<FileStreamSourceLog.FileEntry> earlierEntries(long batchId) {
        List<FileStreamSourceLog.FileEntry> out = new ArrayList<>();
        for (List<FileStreamSourceLog.FileEntry> entries : batches.headMap(batchId, false).values()) {
            out.addAll(entries);
        }
        return out;
    }

    @Override
    public List<Chunk> read(Offset start, Offset end) {
        return reader.readAll(files(start, end), FileStreamSourceLog.FileEntry::path, this::readFile,
                formatOptions.ignoreCorruptFiles(), formatOptions.ignoreMissingFiles());
    }

    /**
     * As {@link #read}, file by file as the batch takes chunks: a few files are parsed ahead on the reader's
     * threads, so a batch of many files never holds all of them.
     */
    @Override
    public java.util.Iterator<Chunk> readChunks(Offset start, Offset end) {
        return reader.stream(files(start, end), FileStreamSourceLog.FileEntry::path, this::readFile,
                formatOptions.ignoreCorruptFiles(), formatOptions.ignoreMissingFiles());
    }

    /** The logged files of the batches after {@code start} up to {@code end}, in log order. */
    private List<FileStreamSourceLog.FileEntry> files(Offset start, Offset end) {
        long from = LogOffset.of(start);
        long to = LogOffset.of(end);
        for (long id = from + 1; id <= to; id++) {
            if (!batches.containsKey(id)) {
                throw new IllegalStateException("File source batch " + id + " is missing from its log " + log
                        + ": the checkpoint is incomplete, the files of offsets " + from + " to " + to
                        + " cannot be known");
            }
        }
        List<FileStreamSourceLog.FileEntry> files = new ArrayList<>();
        for (List<FileStreamSourceLog.FileEntry> entries : batches.subMap(from, false, to, true).values()) {
            files.addAll(entries);
        }
        return files;
    }

    /** The chunks of one logged file, with its partition values appended. */
    private List<Chunk> readFile(FileStreamSourceLog.FileEntry entry) throws IOException {
        Path file = entry.hadoopPath();
        List<String> directories = partitionSchema.length() == 0 ? null
                : FileListing.relativeSegments(options.partitionRoot, file.getParent());
        FileListing.SourceFile partitioned = new FileListing.SourceFile(file, 0, entry.timestamp(),
                directories == null ? Map.of() : PartitionPaths.parse(directories));
        if (!partitionFilters.isEmpty() && PartitionPruning.prune(List.of(partitioned), partitionFilters,
                partitionSchema, formatOptions.zone()).isEmpty()) {
            return List.of(); // its partition values rule the pushed filters out for every row
        }
        StructType read = readSchema;
        List<dev.sluice.sql.sources.Filter> filters = dataFilters;
        if (read == null) {
            return FileFormatProvider.readFile(format, partitioned, dataSchema, filters, null, partitionSchema,
                    formatOptions, formatOptions.zone());
        }
        // a filter over a column pruned away (never, the query reads what it filters on) is left to the engine
        List<dev.sluice.sql.sources.Filter> readable = filters.stream().filter(f -> PartitionPruning.only(f, read))
                .toList();
        List<Chunk> chunks = FileFormatProvider.readFile(format, partitioned, read, readable, null, partitionSchema,
                formatOptions, formatOptions.zone());
        chunks.replaceAll(chunk -> PrunedChunks.pad(chunk, read, dataSchema));
        return chunks;
    }

    @Override
    public void commit(Offset end) {
        long to = LogOffset.of(end);
        if (options.cleanSource == FileStreamOptions.CleanSource.OFF) {
            return;
        }
        long from = lastCleaned;
        for (List<FileStreamSourceLog.FileEntry> entries : batches.subMap(from, false, to, true).values()) {
            for (FileStreamSourceLog.FileEntry e : entries) {
                clean(e);
            }
        }
        lastCleaned = Math.max(lastCleaned, to);
    }

    /** Deletes or archives a processed file, unless it was replaced since (another modification time). */
    private void clean(FileStreamSourceLog.FileEntry entry) {
        Path file = entry.hadoopPath();
        FileAccess files = formatOptions.files();
        try {
            FileStatus status = files.statusOrNull(file);
            if (status == null) {
                LOG.debug("{} was already cleaned", file);
                return;
            }
            if (status.getModificationTime() != entry.timestamp()) {
                LOG.warn("Not cleaning {}: it changed after it was read (modification time)", file);
                return;
            }
            if (options.cleanSource == FileStreamOptions.CleanSource.DELETE) {
                files.delete(file, false);
            } else {
                List<String> relative = FileListing.relativeSegments(options.root, file.getParent());
                Path target = options.archiveDir;
                for (String directory : relative == null ? pathSegments(file.getParent()) : relative) {
                    target = new Path(target, directory);
                }
                files.move(file, new Path(target, file.getName()));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot {} processed source file {}", options.cleanSource.name().toLowerCase(), file, e);
        }
    }

    /** Every directory name of {@code directory} from the root (a file outside the source folder keeps its full path). */
    private static List<String> pathSegments(Path directory) {
        List<String> names = new ArrayList<>();
        for (Path p = directory; p != null && !p.isRoot(); p = p.getParent()) {
            names.add(0, p.getName());
        }
        return names;
    }

    /**
     * Stops the file-reading threads and the log thread, after a pending log write (its failure is thrown); the query
     * calls this when it stops, whatever the reason.
     */
    @Override
    public void stop() {
        RuntimeException failure = null;
        try {
            awaitPlanLogged();
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            awaitExpiry();
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        } finally {
            reader.close();
            if (hint != null) {
                hint.close();
            }
            if (logWriter != null) {
                logWriter.shutdown();
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public Offset deserializeOffset(String json) {
        return new LogOffset(LogOffset.of(Offset.of(json)));
    }

    /** The seen-files key: the URI, or only the file name with {@code fileNameOnly}. */
    private String key(String uri) {
        return options.fileNameOnly ? uri.substring(uri.lastIndexOf('/') + 1) : uri;
    }

    private void addSeen(String uri, long timestamp) {
        seen.put(key(uri), timestamp);
        latestTimestamp = Math.max(latestTimestamp, timestamp);
        oldestSeen = Math.min(oldestSeen, timestamp);
    }

    /**
     * Spark's {@code SeenFilesMap.purge}: forget files older than the newest seen minus {@code maxFileAge}. It runs
     * every trigger; the map is scanned only when its oldest file has fallen behind the threshold. Returns whether
     * a file was forgotten.
     */
    private boolean purge() {
        if (latestTimestamp == Long.MIN_VALUE || options.maxFileAgeMs == Long.MAX_VALUE) {
            return false;
        }
        lastPurgeTimestamp = latestTimestamp - options.maxFileAgeMs;
        if (oldestSeen >= lastPurgeTimestamp) {
            return false; // nothing to forget
        }
        long oldest = Long.MAX_VALUE;
        boolean forgot = false;
        for (java.util.Iterator<Long> it = seen.values().iterator(); it.hasNext(); ) {
            long ts = it.next();
            if (ts < lastPurgeTimestamp) {
                it.remove();
                forgot = true;
            } else {
                oldest = Math.min(oldest, ts);
            }
        }
        oldestSeen = oldest;
        return forgot;
    }

    private List<Listed> list() {
        return list(null);
    }

    /** The listing of the source's path without the files already seen; its {@code shape} recorded when not null. */
    private List<Listed> list(FileListing.Shape shape) {
        List<FileListing.SourceFile> files;
        try {
            // files already seen are skipped unread: latestOffset and outstanding() drop them anyway
            files = FileListing.list(List.of(options.path), formatOptions,
                    uri -> seen.containsKey(key(uri)), shape);
        } catch (AnalysisException e) {
            if ("PATH_NOT_FOUND".equals(e.getCondition())) {
                return List.of();
            }
            throw e;
        }
        List<Listed> out = new ArrayList<>(files.size());
        for (FileListing.SourceFile f : files) {
            out.add(new Listed(f.path().toUri().toString(), f.modificationTime()));
        }
        return out;
    }

    @Override
    public String description() {
        return description;
    }

    private String describe() {
        // Spark's FileStreamSource[qualifiedBasePath]: the path with its scheme (file:/tmp/in for a local one).
        String qualified;
        try {
            qualified = formatOptions.files().qualify(options.path).toString();
        } catch (RuntimeException unqualifiable) {
            qualified = options.path;
        }
        return "FileStreamSource[" + qualified + "]";
    }

    @Override
    public String toString() {
        return description();
    }
}
