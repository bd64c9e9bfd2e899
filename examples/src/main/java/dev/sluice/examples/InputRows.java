package dev.sluice.examples;

import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryListener;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts the input rows every query of a session has processed, from its progress events (all of them;
 * {@code recentProgress()} keeps only the last 100), so a case can wait until the lines it sent to a socket
 * have been processed: the socket source receives them asynchronously, and {@code processAllAvailable()}
 * alone may run before a line just sent has arrived. Thread-safe: events arrive on the listener thread.
 */
final class InputRows extends StreamingQueryListener {
    private final Map<UUID, Long> rowsByQuery = new ConcurrentHashMap<>();

    /** Registers a counter on {@code spark}'s queries; register it before starting them. */
    static InputRows register(SluiceSession spark) {
        InputRows counter = new InputRows();
        spark.streams().addListener(counter);
        return counter;
    }

    /**
     * Waits until {@code query} has processed {@code rows} input rows since this counter was registered, then
     * until it is idle.
     *
     * @throws IllegalStateException when the rows have not arrived within a minute
     */
    void await(StreamingQuery query, long rows) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            query.processAllAvailable();
            long seen = rowsByQuery.getOrDefault(query.id(), 0L);
            if (seen >= rows) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("query " + query.id() + " processed " + seen + " input rows, not "
                        + rows + ", within a minute");
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        rowsByQuery.merge(event.progress().id(), event.progress().numInputRows(), Long::sum);
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
    }
}
