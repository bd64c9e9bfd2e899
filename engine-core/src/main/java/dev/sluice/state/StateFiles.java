package dev.sluice.state;

import dev.sluice.checkpoint.CheckpointException;
import dev.sluice.checkpoint.CheckpointFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * State store files in the checkpoint's file format ({@link CheckpointFile}: temp file, fsync, atomic
 * rename, version line, CRC-32 trailer), with failures reported as {@link StateStoreException}s that name
 * the file relative to its checkpoint ({@link CheckpointFile#describe}); plus durable copies whose CRC-32 is
 * computed while copying, for files whose format is not Sluice's (RocksDB's SST and metadata files), so a
 * manifest can record each copy's checksum and a later load can verify it ({@link #verify}).
 * Stateless and thread-safe.
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
     *
     * @return the CRC-32 of the bytes copied, to record next to the file's name
     */
    public static long copyDurably(Path source, Path target) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(source);
             OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                crc.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        if (target.getFileSystem() == FileSystems.getDefault()) {
            // a remote checkpoint's output stream is durable once closed (CheckpointFileSystem)
            try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        }
        return crc.getValue();
    }

    /** The CRC-32 of {@code file}'s bytes. */
    public static long checksum(Path file) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                crc.update(buffer, 0, n);
            }
        }
        return crc.getValue();
    }

    /**
     * Checks that {@code file} exists and has the CRC-32 recorded when it was written.
     *
     * @throws StateStoreException ({@code CANNOT_LOAD_STATE_STORE.*}) naming the file relative to its checkpoint
     *         and saying what to do, when it is missing, unreadable or damaged
     */
    public static void verify(Path file, long expectedCrc) {
        if (!Files.exists(file)) {
            throw missing(file);
        }
        long actual;
        try {
            actual = checksum(file);
        } catch (IOException e) {
            throw new StateStoreException("CANNOT_LOAD_STATE_STORE.CANNOT_READ_STREAMING_STATE_FILE",
                    "Error reading streaming state file " + CheckpointFile.describe(file) + ": " + e, e);
        }
        if (actual != expectedCrc) {
            throw damaged(file, String.format("its checksum does not match (expected %08x, found %08x)", expectedCrc,
                    actual));
        }
    }

    /** The error for a state file that is damaged, saying {@code why} and what to do. */
    public static StateStoreException damaged(Path file, String why) {
        return new StateStoreException("CANNOT_LOAD_STATE_STORE.CANNOT_READ_STREAMING_STATE_FILE",
                "Error reading streaming state file " + CheckpointFile.describe(file) + ": it is corrupted: " + why
                        + ". " + CheckpointFile.WHAT_TO_DO, null);
    }

    /** The error for a state file a committed version needs but that does not exist. */
    public static StateStoreException missing(Path file) {
        return new StateStoreException("CANNOT_LOAD_STATE_STORE.CANNOT_READ_MISSING_FILE",
                "State file " + CheckpointFile.describe(file) + " does not exist. " + CheckpointFile.WHAT_TO_DO, null);
    }

    /**
     * Forces a folder's entries (new file names) to disk (only Windows, which cannot open folders, skips it).
     *
     * @throws IOException naming the folder when the sync fails: the caller's commit must fail with it
     */
    public static void syncDirectory(Path dir) throws IOException {
        try {
            CheckpointFile.syncDirectory(dir);
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
            throw missing(file);
        }
        try {
            return CheckpointFile.read(file, FORMAT_VERSION, StateFiles::damaged);
        } catch (CheckpointException e) {
            // unreadable or of a newer version: the message names the file already
            throw new StateStoreException("CANNOT_LOAD_STATE_STORE.CANNOT_READ_STREAMING_STATE_FILE",
                    "Error reading streaming state file: " + e.getMessage(), e);
        }
    }
}
