package dev.sluice.spi;

import dev.sluice.checkpoint.CheckpointException;
import dev.sluice.checkpoint.CheckpointFile;
import dev.sluice.checkpoint.CheckpointLocation;
import dev.sluice.checkpoint.LogChecksum;
import dev.sluice.sql.SluiceException;
import java.nio.file.Path;

/**
 * The checkpoint-file services a connector needs for the logs it keeps itself (a source's offsets at its first
 * batch, a file source's or file sink's log): the same versioned, checksummed, atomically replaced files and the
 * same damage errors ({@code SLUICE_CHECKPOINT.CORRUPTED_FILE}, {@code SLUICE_CHECKPOINT.UNSUPPORTED_VERSION})
 * as the engine's own {@code offsets/} and {@code commits/}, so a damaged connector file is refused with an error
 * naming it rather than read as something else. Stateless; every method is thread-safe for distinct files.
 */
public final class ConnectorCheckpoints {
    /** What an operator can do about a damaged checkpoint file; corrupted-file messages end with it. */
    public static final String WHAT_TO_DO = CheckpointFile.WHAT_TO_DO;

    private ConnectorCheckpoints() {
    }

    /**
     * The folder of a {@code checkpointLocation} option, as the engine resolves the query's own checkpoint: a
     * plain path or a {@code file:} URI is a local folder; another scheme is served by a
     * {@link CheckpointFileSystem} (or refused with {@code SLUICE_CHECKPOINT.UNSUPPORTED_LOCATION}). Also turns
     * the folder strings the engine hands a source ({@code sources/<n>}) back into {@link Path}s of the same file
     * system: use {@link java.nio.file.Files} on the result, never {@code toFile()} or {@code Paths.get}.
     */
    public static Path resolveLocation(String location) {
        return CheckpointLocation.resolve(location);
    }

    /** {@link #resolveLocation(String)} with the session's settings (its {@code spark.hadoop.*} entries). */
    public static Path resolveLocation(String location, java.util.Map<String, String> sessionSettings) {
        return CheckpointLocation.resolve(location, sessionSettings);
    }

    /** {@code child} under the checkpoint root {@code root} (resolved as {@link #resolveLocation(String)}). */
    public static Path resolveLocation(String root, String child) {
        return CheckpointLocation.resolve(root, child);
    }

    /** {@code child} under the checkpoint root {@code root} with the session's settings. */
    public static Path resolveLocation(String root, String child, java.util.Map<String, String> sessionSettings) {
        return CheckpointLocation.resolve(root, child, sessionSettings);
    }

    /**
     * Writes {@code text} as version {@code version} of {@code file}: a version line, the text and a checksum
     * trailer, to a temporary file that then replaces {@code file} atomically (fsynced unless the session turned
     * checkpoint fsync off). After a crash the file is either the old one or the new one, never a mix.
     */
    public static void write(Path file, int version, String text) {
        CheckpointFile.write(file, version, text);
    }

    /**
     * The text of a file written by {@link #write}, after checking its trailer; a damaged file or a version
     * above {@code maxVersion} fails with a {@code SLUICE_CHECKPOINT} error naming the file.
     */
    public static String readText(Path file, int maxVersion) {
        return CheckpointFile.readText(file, maxVersion);
    }

    /**
     * A line-based JSON log file ({@code v1} line, then one JSON object per line) with a CRC-32 field added to its
     * last object, Spark-compatible readers ignoring the extra field; {@code text} unchanged without objects.
     */
    public static byte[] sign(byte[] text) {
        return LogChecksum.sign(text);
    }

    /** What is wrong with a file signed by {@link #sign}, or null when its checksum matches or it has none. */
    public static String checksumProblem(byte[] bytes) {
        return LogChecksum.problem(bytes);
    }

    /**
     * The error for a damaged local checkpoint file: named relative to the checkpoint folder that holds it, with
     * why it is refused and what to do ({@code SLUICE_CHECKPOINT.CORRUPTED_FILE}).
     */
    public static SluiceException corrupted(Path file, String why) {
        return CheckpointFile.corrupted(file, why);
    }

    /** A {@code SLUICE_CHECKPOINT.CORRUPTED_FILE} error with the connector's own {@code message} (naming the file). */
    public static SluiceException corruptedFile(String message) {
        return new CheckpointException("CORRUPTED_FILE", message, null);
    }
}
