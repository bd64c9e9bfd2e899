package dev.sluice.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A write-ahead log of one entry per batch id, one file per entry named by the id ({@code offsets/17}), as
 * Spark's {@code HDFSMetadataLog}. Entries are written with {@link CheckpointFile} (atomic, checksummed).
 * Used from the query's execution thread only, except that {@link #prepare} may run on any thread and
 * {@link #purge} on one background thread at a time (it is synchronized).
 *
 * @param <T> the entry type
 */
public final class MetadataLog<T> {
    static final int VERSION = 1;

    private final Path dir;
    private final Function<T, String> serializer;
    private final BiFunction<Path, String, T> deserializer;
    private final boolean fsync;
    /** Every entry below this id is deleted ({@link #purge}); -1 before the first purge. */
    private volatile long purgedBelow = -1;
    /** Beyond this many ids since the last purge, listing the folder is cheaper than trying each id. */
    private static final long MAX_PURGE_WITHOUT_LISTING = 1000;

    /** A durable log; {@code deserializer} gets the file (for error messages) and its payload text. */
    public MetadataLog(Path dir, Function<T, String> serializer, BiFunction<Path, String, T> deserializer) {
        this(dir, serializer, deserializer, true);
    }

    /**
     * @param fsync whether each entry is fsynced (survives a power loss) or only atomically renamed into place
     *              (survives a process crash), see {@link CheckpointFile}
     */
    public MetadataLog(Path dir, Function<T, String> serializer, BiFunction<Path, String, T> deserializer,
            boolean fsync) {
        this.dir = dir;
        this.serializer = serializer;
        this.deserializer = deserializer;
        this.fsync = fsync;
    }

    public Path directory() {
        return dir;
    }

    public Path file(long batchId) {
        return dir.resolve(Long.toString(batchId));
    }

    /** Writes the entry of {@code batchId}, replacing an existing one (a re-planned batch). */
    public void add(long batchId, T entry) {
        CheckpointFile.write(file(batchId), VERSION, serializer.apply(entry), fsync);
    }

    /**
     * {@link #add} in two steps ({@link CheckpointFile#prepare}): the entry is written (and fsynced) under a hidden
     * temporary name now, and appears as {@code batchId}'s entry only when the caller publishes it. Any thread.
     */
    public CheckpointFile.Prepared prepare(long batchId, T entry) {
        return CheckpointFile.prepare(file(batchId), VERSION,
                serializer.apply(entry).getBytes(java.nio.charset.StandardCharsets.UTF_8), fsync);
    }

    public Optional<T> get(long batchId) {
        Path file = file(batchId);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(parse(file));
    }

    private T parse(Path file) {
        String text = CheckpointFile.readText(file, VERSION);
        try {
            return deserializer.apply(file, text);
        } catch (CheckpointException e) {
            throw e;
        } catch (RuntimeException e) {
            throw CheckpointFile.corrupted(file, "its content cannot be parsed (" + e.getMessage() + ")");
        }
    }

    /** The batch ids present, ascending. */
    public List<Long> batchIds() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                String name = f.getFileName().toString();
                if (name.matches("\\d+")) {
                    ids.add(Long.parseLong(name));
                }
            });
        } catch (IOException e) {
            throw new CheckpointException("IO_ERROR", "Cannot list checkpoint folder " + dir + ": " + e, e);
        }
        ids.sort(null);
        return ids;
    }

    /** The entry with the highest batch id, if any. */
    public Optional<TreeMap.SimpleImmutableEntry<Long, T>> latest() {
        List<Long> ids = batchIds();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        long id = ids.get(ids.size() - 1);
        return Optional.of(new TreeMap.SimpleImmutableEntry<>(id, parse(file(id))));
    }

    /**
     * Deletes the entries with a batch id below {@code thresholdBatchId}. The first call lists the folder; later ones
     * delete only the ids between the previous threshold and this one: every id below the previous threshold is
     * gone already, and this log only ever adds ids at or above the batch being planned (one query per checkpoint),
     * so a query purging after every batch deletes one file per batch without listing its growing log folder.
     */
    public synchronized void purge(long thresholdBatchId) {
        if (thresholdBatchId <= purgedBelow) {
            return;
        }
        if (purgedBelow < 0 || thresholdBatchId - purgedBelow > MAX_PURGE_WITHOUT_LISTING) {
            for (long id : batchIds()) {
                if (id >= thresholdBatchId) {
                    break;
                }
                delete(id);
            }
        } else {
            for (long id = purgedBelow; id < thresholdBatchId; id++) {
                delete(id);
            }
        }
        purgedBelow = thresholdBatchId;
    }

    private void delete(long id) {
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            throw new CheckpointException("IO_ERROR", "Cannot delete checkpoint file " + file(id) + ": " + e, e);
        }
    }
}
