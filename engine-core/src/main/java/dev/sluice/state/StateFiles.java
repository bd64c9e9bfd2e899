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
