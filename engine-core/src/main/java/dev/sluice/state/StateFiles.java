package dev.sluice.state;

import dev.sluice.checkpoint.CheckpointException;
import dev.sluice.checkpoint.CheckpointFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * State store files in the checkpoint's file format ({@link CheckpointFile}: temp file, fsync, atomic
 * rename, version line, CRC-32 trailer), with failures reported as {@link StateStoreException}s that name
 * the file.
 */
public final class StateFiles {
    private static final int FORMAT_VERSION = 1;

    private StateFiles() {
    }

    /** Writes {@code payload} to {@code file} atomically. */
    public static void write(Path file, byte[] payload) throws IOException {
        try {
            CheckpointFile.write(file, FORMAT_VERSION, payload);
        } catch (CheckpointException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Copies {@code source} to a new file {@code target} and forces the copy's bytes to disk, so that a file
     * listed by a manifest written afterwards (with {@link #write}) is complete after a power loss. The
     * target's folder is synced by the caller once all copies are made ({@link #syncDirectory}).
     */
    public static void copyDurably(Path source, Path target) throws IOException {
        Files.copy(source, target);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(target,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Forces a folder's entries (new file names) to disk; platforms that cannot open folders skip it. */
    public static void syncDirectory(Path dir) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(dir,
                java.nio.file.StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // folders cannot be opened on some platforms; the later manifest rename is still atomic there
        }
    }

    /**
     * Reads a file written by {@link #write}, checking its version and checksum.
     *
     * @throws StateStoreException naming the file when it is missing, truncated, corrupted or of another format
     */
    public static byte[] read(Path file) {
        if (!Files.exists(file)) {
            throw new StateStoreException("CANNOT_LOAD_STATE_STORE.CANNOT_READ_MISSING_FILE",
                    "State file " + file + " does not exist", null);
        }
        try {
            return CheckpointFile.read(file, FORMAT_VERSION);
        } catch (CheckpointException e) {
            throw new StateStoreException("CANNOT_LOAD_STATE_STORE.CANNOT_READ_STREAMING_STATE_FILE",
                    "Error reading streaming state file " + file + ": " + e.getMessage(), e);
        }
    }
}
