package dev.sluice.connectors.file;

import dev.sluice.batch.Chunk;
import java.io.Closeable;
import java.io.IOException;

/**
 * Writes chunks of one schema to one file or stream. Not thread-safe. The output is complete only after
 * {@link #close()} returns; a crash before leaves a partial file (callers write under a unique name and
 * publish by commit, see {@link FileSinkLog}).
 */
public interface ChunkWriter extends Closeable {
    /** Appends the rows of {@code chunk}, whose columns follow the writer's schema. */
    void write(Chunk chunk) throws IOException;
}
