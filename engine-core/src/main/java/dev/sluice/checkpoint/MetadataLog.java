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
 * Used from the query's execution thread only.
 *
 * @param <T> the entry type
 */
public final class MetadataLog<T> {
    static final int VERSION = 1;

    private final Path dir;
    private final Function<T, String> serializer;
    private final BiFunction<Path, String, T> deserializer;
    private final boolean fsync;

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

    /** Deletes the entries with a batch id below {@code thresholdBatchId}. */
    public void purge(long thresholdBatchId) {
        for (long id : batchIds()) {
            if (id >= thresholdBatchId) {
                break;
            }
            try {
                Files.deleteIfExists(file(id));
            } catch (IOException e) {
                throw new CheckpointException("IO_ERROR", "Cannot delete checkpoint file " + file(id) + ": " + e, e);
            }
        }
    }
}
