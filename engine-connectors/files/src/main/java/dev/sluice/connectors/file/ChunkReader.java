package dev.sluice.connectors.file;

import dev.sluice.batch.Chunk;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the records of one file (or stream) as chunks of the schema it was opened with. Not thread-safe:
 * one reader is used by one thread, then closed. Closing releases the underlying file.
 */
public interface ChunkReader extends Closeable {
    /**
     * The next chunk of at most about {@link Chunk#DEFAULT_ROWS} rows, or null at the end of the input.
     *
     * @throws dev.sluice.sql.SluiceException in FAILFAST mode, naming the file and line of a malformed record
     */
    Chunk next() throws IOException;

    /** Records skipped so far in DROPMALFORMED mode (0 in the other modes and for Parquet). */
    long malformedDropped();

    /** Reads every remaining chunk and closes the reader. */
    default List<Chunk> readAll() {
        try (this) {
            List<Chunk> chunks = new ArrayList<>();
            for (Chunk c = next(); c != null; c = next()) {
                chunks.add(c);
            }
            return chunks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
