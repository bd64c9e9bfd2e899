package dev.sluice.spi;

import dev.sluice.ReadProgress;
import dev.sluice.ReadProgressListener;
import dev.sluice.sql.SluiceSession;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a session's {@link ReadProgressListener}s how one batch read over files gets on: started on creation,
 * {@link #fileDone()} per file, ended on {@link #close()} (with the failure given to {@link #failed}, if any). Used by
 * the file connectors' batch reads. Thread-safe: reading threads call {@link #fileDone()} concurrently; events go
 * out one at a time, in order. A throwing listener is logged at WARN and the others are still told.
 */
public final class ReadTracker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.sluice.listener");
    private static final AtomicLong IDS = new AtomicLong();

    private final List<ReadProgressListener> listeners;
    private final long id = IDS.incrementAndGet();
    private final String description;
    private final long total;
    private final long start = System.nanoTime();
    private long done;
    private Throwable failure;
    private boolean ended;

    private ReadTracker(List<ReadProgressListener> listeners, String description, long total) {
        this.listeners = listeners;
        this.description = description;
        this.total = total;
    }

    /** Starts tracking a read of {@code files} files described as {@code description} (e.g. {@code read json}). */
    public static ReadTracker start(SluiceSession session, String description, long files) {
        ReadTracker tracker = new ReadTracker(session.sparkContext().progressListeners(), description, files);
        synchronized (tracker) {
            tracker.tell(Event.STARTED);
        }
        return tracker;
    }

    /** One more file is read. */
    public synchronized void fileDone() {
        done++;
        tell(Event.FILE);
    }

    /** The read failed with {@code e}; told to the listeners at {@link #close()}. */
    public synchronized void failed(Throwable e) {
        failure = e;
    }

    @Override
    public synchronized void close() {
        if (!ended) {
            ended = true;
            tell(Event.ENDED);
        }
    }

    private enum Event { STARTED, FILE, ENDED }

    private void tell(Event event) {
        if (listeners.isEmpty()) {
            return;
        }
        ReadProgress p = new ReadProgress(id, description, done, total, Duration.ofNanos(System.nanoTime() - start));
        for (ReadProgressListener l : listeners) {
            try {
                switch (event) {
                    case STARTED -> l.onReadStarted(p);
                    case FILE -> l.onFileRead(p);
                    case ENDED -> l.onReadEnded(p, failure);
                }
            } catch (RuntimeException e) {
                LOG.warn("Read progress listener {} failed on {} of read {}", l, event, id, e);
            }
        }
    }
}
