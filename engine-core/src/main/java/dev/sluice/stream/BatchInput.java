package dev.sluice.stream;

import dev.sluice.batch.Chunk;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * One source's rows of one micro-batch. A source read once by the plan is streamed: its chunks are pulled
 * from the source as the pipeline takes morsels, so a batch larger than memory flows through a stateless
 * pipeline; a source the plan reads twice (a self-join or self-union) is read once and kept. Counts the rows
 * handed out, for {@code numInputRows}. The stream is used by one thread at a time (morsels are taken under
 * a lock); {@link #all} may be called from several.
 */
final class BatchInput {
    private final Supplier<Iterator<Chunk>> reader;
    private Iterator<Chunk> stream;
    private List<Chunk> kept;
    private long rows;

    /** {@code reader} opens the source's range; it is called at most once. */
    BatchInput(Supplier<Iterator<Chunk>> reader) {
        this.reader = reader;
    }

    /** No rows (the source has nothing new). */
    static BatchInput empty() {
        return new BatchInput(Collections::emptyIterator);
    }

    /** The batch's chunks, pulled from the source as they are taken. May be called once. */
    Iterator<Chunk> stream() {
        if (stream != null || kept != null) {
            throw new IllegalStateException("a streamed batch input can be read once");
        }
        stream = reader.get();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return stream.hasNext();
            }

            @Override
            public Chunk next() {
                if (!stream.hasNext()) {
                    throw new NoSuchElementException();
                }
                Chunk c = stream.next();
                rows += c.rowCount();
                return c;
            }
        };
    }

    /** Every chunk of the batch, read once and kept for the batch. */
    synchronized List<Chunk> all() {
        if (kept == null) {
            if (stream != null) {
                throw new IllegalStateException("a streamed batch input can be read once");
            }
            List<Chunk> chunks = new java.util.ArrayList<>();
            reader.get().forEachRemaining(chunks::add);
            rows = dev.sluice.exec.Chunks.rowCount(chunks);
            kept = chunks;
        }
        return kept;
    }

    /**
     * The rows of the batch: every row when the batch was read whole; when it was streamed, the rows pulled
     * so far plus the rest of the source's range, read (and dropped) now so the count is exact.
     */
    long rowCount() {
        if (kept == null && stream == null) {
            all();
        } else if (stream != null) {
            while (stream.hasNext()) {
                rows += stream.next().rowCount();
            }
        }
        return rows;
    }
}
