package dev.sluice.spi;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;

/**
 * A checkpoint location outside the local file system, seen through {@code java.nio}: the engine's checkpoint
 * code (offsets, commits, metadata, state files, RocksDB uploads, connector logs) works on {@link Path}s and
 * {@link java.nio.file.Files}, so a {@code Path} of such a file system reaches the remote storage without the
 * engine knowing it. Local checkpoints use the JDK's default file system directly (no extra layer, no Hadoop
 * class loaded). Implementations come from a {@link CheckpointFileSystemProvider}.
 *
 * <p>What {@code java.nio} cannot say is how a file is published so that a reader sees either the old file or the
 * complete new one: {@link #publish} does it the storage's way (temporary file and rename where renames are
 * atomic, a direct abortable upload on object stores). Folders need no sync: {@link #syncsFolders()} is false,
 * durability comes from the storage's own write path.
 *
 * <p>Thread-safe: one instance serves every query using the location.
 */
public abstract class CheckpointFileSystem extends FileSystem {
    /**
     * Writes the concatenation of {@code parts} to {@code target} so that a concurrent or later reader sees the
     * previous file (or none) or the complete new one, never a part; durable once this returns.
     *
     * @param replace whether an existing {@code target} is replaced (otherwise its presence is an error)
     * @throws IOException naming the file when the write fails; nothing is published then
     */
    public abstract void publish(Path target, boolean replace, byte[]... parts) throws IOException;

    /** Whether folders of this storage can and need to be synced after a rename (false: nothing to sync). */
    public boolean syncsFolders() {
        return false;
    }

    /** How {@link #publish} makes a file appear, for logs and {@code sluice checkpoint inspect}. */
    public abstract String publishRule();
}
