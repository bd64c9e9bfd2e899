package dev.sluice.checkpoint;

import dev.sluice.spi.CheckpointFileSystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.zip.CRC32;

/**
 * Reads and writes one checkpoint file. Layout: a version line {@code v<N>\n}, the payload, then a fixed
 * 16-byte trailer {@code \ncrc32=<8 hex>\n} holding the CRC-32 of everything before it. Writes go to a
 * hidden temp file in the same folder, are fsynced, then atomically renamed over the target (and the
 * folder is fsynced), so a reader sees either the old file or the complete new one.
 *
 * <p>Crash guarantee: a durable write (the default) survives a power loss once it returns. A write with
 * {@code fsync = false} (the session setting {@code spark.sql.streaming.checkpoint.fsync=false}, Spark's own
 * behaviour for local checkpoints) is the same temp file and atomic rename without the two fsyncs: after a
 * process crash a reader still sees the old file or the complete new one, but after a power loss or kernel
 * crash the new file may be missing, or present and truncated (a corrupted-file error names it on read).
 * Why two fsyncs: the file's data must reach the disk before the rename makes it visible, and the rename
 * (a new name in the folder) is only durable once the folder is synced; neither can stand in for the other.
 *
 * <p>On a remote checkpoint ({@link CheckpointFileSystem}, e.g. HDFS or S3A through the checkpoint-hadoop
 * artifact) the write is {@link CheckpointFileSystem#publish}: the storage's atomic publish, always durable.
 *
 * <p>Stateless and thread-safe; concurrent writers of the same path must be prevented by the caller.
 */
public final class CheckpointFile {
    private static final int TRAILER_LENGTH = 16;
    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

    private CheckpointFile() {
    }

    /** Writes {@code payload} with version {@code version} to {@code target} atomically and durably. */
    public static void write(Path target, int version, byte[] payload) {
        write(target, version, payload, true);
    }

    /**
     * Writes {@code payload} with version {@code version} to {@code target} atomically; durably (surviving a
     * power loss) when {@code fsync}, otherwise surviving a process crash only (see the class comment).
     */
    public static void write(Path target, int version, byte[] payload, boolean fsync) {
        prepare(target, version, payload, fsync).publish();
    }

    /**
     * Writes the concatenation of {@code parts} to {@code target} as is (no version line or checksum, for
     * files whose format is fixed elsewhere, e.g. Spark-compatible logs): temp file, fsync, atomic rename,
     * folder fsync. A reader sees the old file or the complete new one.
     */
    public static void writeAtomically(Path target, byte[]... parts) {
        writeParts(target, true, parts);
    }

    private static void writeParts(Path target, boolean fsync, byte[]... parts) {
        prepareParts(target, fsync, parts).publish();
    }

    /**
     * The first half of {@link #write(Path, int, byte[], boolean)}: the file is written under its hidden temporary
     * name in {@code target}'s folder (and fsynced when {@code fsync}), but not yet visible; {@link Prepared#publish}
     * renames it into place and syncs the folder, {@link Prepared#discard} deletes it. Splitting the write lets the
     * slow part, the file's fsync, run before the moment the file may appear (e.g. while the batch it commits runs),
     * with exactly the guarantee of {@code write}: the name appears only at {@code publish}, and only for complete,
     * already durable content. A process killed in between leaves a hidden {@code .tmp} file, which no reader sees
     * and the next start deletes ({@link Checkpoint#deleteLeftoverTempFiles}).
     *
     * <p>May run on any thread; the returned handle may be published or discarded from another one.
     *
     * @throws CheckpointException naming the file when the temporary file cannot be written
     */
    public static Prepared prepare(Path target, int version, byte[] payload, boolean fsync) {
        byte[] header = ("v" + version + "\n").getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(header);
        crc.update(payload);
        byte[] trailer = String.format("\ncrc32=%08x\n", crc.getValue()).getBytes(StandardCharsets.US_ASCII);
        return prepareParts(target, fsync, header, payload, trailer);
    }

    private static Prepared prepareParts(Path target, boolean fsync, byte[]... parts) {
        if (target.getFileSystem() instanceof CheckpointFileSystem) {
            // a remote checkpoint publishes the storage's way (rename or abortable upload) in one step, at publish
            return new Prepared(target, null, fsync, parts);
        }
        Path dir = target.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + target.getFileName() + "." + Thread.currentThread().getId() + ".tmp");
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer[] buffers = new ByteBuffer[parts.length];
                long total = 0;
                for (int i = 0; i < parts.length; i++) {
                    buffers[i] = ByteBuffer.wrap(parts[i]);
                    total += parts[i].length;
                }
                long written = 0;
                while (written < total) {
                    written += ch.write(buffers);
                }
                if (fsync) {
                    // fdatasync: the data and what is needed to read it back (size, blocks); the name comes at publish
                    ch.force(false);
                }
            }
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new CheckpointException("IO_ERROR", "Cannot write checkpoint file " + describe(target) + ": " + e, e);
        }
        return new Prepared(target, temp, fsync, null);
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // best effort: the error the caller reports is the one that matters
        }
    }

    /**
     * A checkpoint file written but not yet visible ({@link #prepare}); exactly one of {@link #publish} and
     * {@link #discard} is called. Not thread-safe: one thread at a time, each call happening-before the next.
     */
    public static final class Prepared {
        private final Path target;
        /** The hidden temporary file, or null on a remote checkpoint (then {@link #remoteParts} holds the bytes). */
        private final Path temp;
        private final boolean fsync;
        private final byte[][] remoteParts;
        private boolean done;

        private Prepared(Path target, Path temp, boolean fsync, byte[][] remoteParts) {
            this.target = target;
            this.temp = temp;
            this.fsync = fsync;
            this.remoteParts = remoteParts;
        }

        /** The file this write makes appear. */
        public Path target() {
            return target;
        }

        /**
         * Makes the file appear under its name, atomically (a reader sees the old file or the complete new one), and
         * durably when written with fsync (the folder is synced, so the new name survives a power loss).
         *
         * @throws CheckpointException naming the file when it cannot be published
         */
        public void publish() {
            if (done) {
                throw new IllegalStateException("checkpoint file " + target + " was already published or discarded");
            }
            done = true;
            if (temp == null) {
                try {
                    ((CheckpointFileSystem) target.getFileSystem()).publish(target, true, remoteParts);
                } catch (IOException e) {
                    throw new CheckpointException("IO_ERROR", "Cannot write checkpoint file " + describe(target) + ": "
                            + e, e);
                }
                return;
            }
            try {
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                if (fsync) {
                    syncDirectory(target.toAbsolutePath().getParent());
                }
            } catch (IOException e) {
                deleteQuietly(temp);
                throw new CheckpointException("IO_ERROR", "Cannot write checkpoint file " + describe(target) + ": " + e, e);
            }
        }

        /** Deletes the temporary file without publishing it (the write is abandoned); idempotent, never throws. */
        public void discard() {
            if (!done) {
                done = true;
                if (temp != null) {
                    deleteQuietly(temp);
                }
            }
        }
    }

    public static void write(Path target, int version, String text) {
        write(target, version, text, true);
    }

    /** {@link #write(Path, int, byte[], boolean)} of {@code text} in UTF-8. */
    public static void write(Path target, int version, String text, boolean fsync) {
        write(target, version, text.getBytes(StandardCharsets.UTF_8), fsync);
    }

    /**
     * Forces a folder's entries (new or renamed file names) to disk, so that a rename survives a power loss.
     * Only Windows, which cannot open a folder for syncing, and remote storage without folders to sync
     * ({@link CheckpointFileSystem#syncsFolders()}) skip it; anywhere else a failure is an error:
     * swallowing it would let a later file (a commit) claim durability for names that may be lost.
     *
     * @throws CheckpointException naming the folder when the sync fails
     */
    public static void syncDirectory(Path dir) {
        if (WINDOWS || dir.getFileSystem() instanceof CheckpointFileSystem remote && !remote.syncsFolders()) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            throw new CheckpointException("IO_ERROR", "Cannot sync checkpoint folder " + describe(dir)
                    + " to disk: " + e + ". Check the disk and the file system, then restart the query", e);
        }
    }

    /**
     * The payload of {@code file}, checking its checksum and that its version is at most {@code maxVersion}.
     *
     * @throws CheckpointException naming the file when it is truncated, corrupted or too new
     */
    public static byte[] read(Path file, int maxVersion) {
        return read(file, maxVersion, CheckpointFile::corrupted);
    }

    /**
     * {@link #read(Path, int)} for files whose damage is reported in another form (state files): {@code damaged}
     * makes the exception from the file and what is wrong with it.
     */
    public static byte[] read(Path file, int maxVersion, BiFunction<Path, String, RuntimeException> damaged) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException("IO_ERROR", "Checkpoint file " + describe(file) + " does not exist", e);
        } catch (IOException e) {
            throw new CheckpointException("IO_ERROR", "Cannot read checkpoint file " + describe(file) + ": " + e, e);
        }
        int headerEnd = indexOf(bytes, (byte) '\n');
        if (headerEnd < 2 || bytes[0] != 'v' || bytes.length < headerEnd + 1 + TRAILER_LENGTH) {
            throw damaged.apply(file, "it is truncated or has no version line");
        }
        String trailer = new String(bytes, bytes.length - TRAILER_LENGTH, TRAILER_LENGTH, StandardCharsets.US_ASCII);
        if (!trailer.startsWith("\ncrc32=") || !trailer.endsWith("\n")) {
            throw damaged.apply(file, "it is truncated (no checksum trailer)");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - TRAILER_LENGTH);
        long expected;
        try {
            expected = Long.parseLong(trailer.substring(7, 15), 16);
        } catch (NumberFormatException e) {
            throw damaged.apply(file, "its checksum trailer is unreadable");
        }
        if (crc.getValue() != expected) {
            throw damaged.apply(file, String.format("its checksum does not match (expected %08x, found %08x)", expected,
                    crc.getValue()));
        }
        int version;
        try {
            version = Integer.parseInt(new String(bytes, 1, headerEnd - 1, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw damaged.apply(file, "its version line is unreadable");
        }
        if (version < 1 || version > maxVersion) {
            throw new CheckpointException("UNSUPPORTED_VERSION", "Checkpoint file " + describe(file) + " has version v" + version
                    + " but this Sluice reads versions up to v" + maxVersion
                    + ": it was written by a newer version or is not a Sluice checkpoint", null);
        }
        return Arrays.copyOfRange(bytes, headerEnd + 1, bytes.length - TRAILER_LENGTH);
    }

    public static String readText(Path file, int maxVersion) {
        return new String(read(file, maxVersion), StandardCharsets.UTF_8);
    }

    /**
     * The error for a damaged checkpoint file: names it relative to its checkpoint ({@link #describe}), says
     * why and what to do.
     */
    public static CheckpointException corrupted(Path file, String why) {
        return new CheckpointException("CORRUPTED_FILE", "Checkpoint file " + describe(file) + " is corrupted: " + why
                + ". " + WHAT_TO_DO, null);
    }

    /** What an operator can do about a damaged checkpoint file (every corrupted-file message ends with it). */
    public static final String WHAT_TO_DO = "Restore the file from a backup of the checkpoint, or start the query with"
            + " a new checkpointLocation (it then starts over from its sources' starting offsets)";

    /**
     * {@code file} for messages: its path relative to the checkpoint folder that holds it, then that folder
     * ({@code offsets/3 of checkpoint /data/cp}); the absolute path when no enclosing checkpoint is found.
     * A checkpoint folder is the nearest ancestor holding a {@code metadata} file or an {@code offsets} or
     * {@code commits} folder. Only called to build messages, so the few file look-ups do not matter.
     */
    public static String describe(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        for (Path dir = absolute.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("metadata")) || Files.isDirectory(dir.resolve("offsets"))
                    || Files.isDirectory(dir.resolve("commits"))) {
                String relative = dir.relativize(absolute).toString().replace('\\', '/');
                return (relative.isEmpty() ? "." : relative) + " of checkpoint " + dir;
            }
        }
        return absolute.toString();
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < Math.min(bytes.length, 16); i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
