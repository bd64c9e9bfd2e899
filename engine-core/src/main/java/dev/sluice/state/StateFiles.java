package dev.sluice.state;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
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
import java.util.zip.CRC32;

/**
 * Durable, self-checking files for state stores: written to a temporary name, fsynced, then atomically
 * renamed; framed as {@code magic, format version, payload length, payload, CRC32}, so a truncated or
 * corrupted file is detected and reported by name instead of being half-read.
 */
public final class StateFiles {
    private static final byte[] MAGIC = "SLUICE-STATE".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT_VERSION = 1;

    private StateFiles() {
    }

    /** Writes {@code payload} to {@code file} atomically. */
    public static void write(Path file, byte[] payload) throws IOException {
        Files.createDirectories(file.getParent());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 32);
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeInt(payload.length);
        out.write(payload);
        CRC32 crc = new CRC32();
        crc.update(payload);
        out.writeLong(crc.getValue());
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Reads a file written by {@link #write}, checking its frame and checksum.
     *
     * @throws StateStoreException naming the file when it is missing, truncated, corrupted or of another format
     */
    public static byte[] read(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new StateStoreException("CANNOT_LOAD_STATE_STORE.CANNOT_READ_MISSING_FILE",
                    "State file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new StateStoreException("CANNOT_LOAD_STATE_STORE.UNCATEGORIZED", "Cannot read state file " + file
                    + ": " + e.getMessage(), e);
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(all))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw corrupted(file, "it does not start with the state file header", null);
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw corrupted(file, "format version " + version + " is not supported (expected " + FORMAT_VERSION
                        + ")", null);
            }
            int length = in.readInt();
            if (length < 0 || length > all.length) {
                throw corrupted(file, "it is truncated", null);
            }
            byte[] payload = in.readNBytes(length);
            if (payload.length != length || in.available() < Long.BYTES) {
                throw corrupted(file, "it is truncated", null);
            }
            CRC32 crc = new CRC32();
            crc.update(payload);
            if (crc.getValue() != in.readLong()) {
                throw corrupted(file, "its checksum does not match its content", null);
            }
            return payload;
        } catch (IOException e) {
            throw corrupted(file, "it is truncated", e);
        }
    }

    private static StateStoreException corrupted(Path file, String why, Throwable cause) {
        return new StateStoreException("CANNOT_LOAD_STATE_STORE.CANNOT_READ_STREAMING_STATE_FILE",
                "Error reading streaming state file " + file + ": " + why, cause);
    }
}
