package dev.sluice.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoint folder of one streaming query, laid out as Spark's: {@code metadata} (the query id),
 * {@code offsets/<batchId>} (write-ahead log of planned batches), {@code commits/<batchId>} (completed
 * batches), {@code sources/<n>/} (each source's own files), {@code state/<operator>/<partition>/}.
 * Used by one running query at a time, from its execution thread.
 *
 * <p>Crash guarantee: with {@code fsync} (the default) every file written here survives a power loss once
 * written; without it ({@code spark.sql.streaming.checkpoint.fsync=false}), as in Spark, a process crash at
 * any point leaves complete files only, but a power loss may lose or truncate the latest entries (see
 * {@link CheckpointFile}). State store, source and sink files in the folder make their own choice.
 */
public final class Checkpoint {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);
    private final Path root;
    private final MetadataLog<OffsetSeq> offsets;
    private final MetadataLog<CommitEntry> commits;
    private final boolean fsync;

    /** A checkpoint whose files are fsynced. */
    public Checkpoint(Path root) {
        this(root, true);
    }

    /** @param fsync whether {@code metadata}, {@code offsets/} and {@code commits/} files are fsynced */
    public Checkpoint(Path root, boolean fsync) {
        this.root = root.toAbsolutePath();
        this.fsync = fsync;
        this.offsets = new MetadataLog<>(this.root.resolve("offsets"), OffsetSeq::serialize, OffsetSeq::parse, fsync);
        this.commits = new MetadataLog<>(this.root.resolve("commits"), CommitEntry::serialize, CommitEntry::parse,
                fsync);
    }

    public Path root() {
        return root;
    }

    public MetadataLog<OffsetSeq> offsets() {
        return offsets;
    }

    public MetadataLog<CommitEntry> commits() {
        return commits;
    }

    /** The folder of source number {@code index} (in plan order). */
    public Path sourcePath(int index) {
        return root.resolve("sources").resolve(Integer.toString(index));
    }

    /**
     * The query id recorded in {@code metadata}, writing {@code newId} there when the checkpoint is new.
     *
     * @throws CheckpointException when offsets or commits exist without {@code metadata} (continuing would
     *         silently give the query a new id), or when {@code metadata} is corrupted
     */
    public UUID loadOrCreateQueryId(UUID newId) {
        CheckpointLocation.checkUsable(root);
        Path metadata = root.resolve("metadata");
        if (Files.exists(metadata)) {
            String text = CheckpointFile.readText(metadata, 1);
            try {
                JsonNode node = CheckpointJson.readTree(metadata, text, "it has no readable query id");
                return UUID.fromString(node.get("id").asText());
            } catch (RuntimeException e) {
                throw CheckpointFile.corrupted(metadata, "it has no readable query id");
            }
        }
        if (!offsets.batchIds().isEmpty() || !commits.batchIds().isEmpty()) {
            throw new CheckpointException("MISSING_METADATA", "Checkpoint " + root + " has offset or commit logs but"
                    + " no metadata file: the query id is lost. Restore " + metadata
                    + " or start the query with a new checkpointLocation", null);
        }
        CheckpointFile.write(metadata, 1, "{\"id\":\"" + newId + "\"}", fsync);
        return newId;
    }

    /**
     * Deletes the temporary files an interrupted write left anywhere in the checkpoint (hidden names ending in
     * {@code .tmp}: {@link CheckpointFile}'s and the file source log's). A process killed between writing such a
     * file and renaming it leaves one behind; no reader ever looks at them, and no writer is running when a query
     * starts (one query per checkpoint), so they are garbage. Called when a query starts.
     *
     * @return how many were deleted
     * @throws CheckpointException naming the file that cannot be deleted
     */
    public int deleteLeftoverTempFiles() {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        List<Path> leftovers;
        try (Stream<Path> files = Files.walk(root)) {
            leftovers = files.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(".") && name.endsWith(".tmp") && Files.isRegularFile(p);
            }).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CheckpointException("IO_ERROR", "Cannot list checkpoint folder " + root + ": " + e, e);
        }
        for (Path p : leftovers) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new CheckpointException("IO_ERROR", "Cannot delete the leftover temporary file "
                        + CheckpointFile.describe(p) + ": " + e, e);
            }
        }
        if (!leftovers.isEmpty()) {
            LOG.info("Deleted {} temporary file(s) left in checkpoint {} by an interrupted write", leftovers.size(), root);
        }
        return leftovers.size();
    }
}
