package dev.sluice.monitor;

import dev.sluice.sql.streaming.StreamingQuery;
import dev.sluice.sql.streaming.StreamingQueryListener;
import dev.sluice.sql.streaming.StreamingQueryManager;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Base of the engine's own listeners (logging, JMX, Micrometer, the web UI) that need the query handle, not only
 * the events: the handle is looked up when the query starts (the started event is delivered synchronously by
 * {@code start()}, while the query is registered as active) and kept until it terminates, so the failure
 * ({@link StreamingQuery#exception()}) and the plan stay reachable. Thread-safe: events arrive on the starting
 * thread and on the session's listener thread.
 */
public abstract class TrackingListener extends StreamingQueryListener {
    private final StreamingQueryManager streams;
    private final Map<UUID, StreamingQuery> running = new ConcurrentHashMap<>();

    protected TrackingListener(StreamingQueryManager streams) {
        this.streams = streams;
    }

    @Override
    public final void onQueryStarted(QueryStartedEvent event) {
        StreamingQuery query = streams.get(event.id());
        if (query != null && query.runId().equals(event.runId())) {
            running.put(event.runId(), query);
            started(event, query);
        }
    }

    @Override
    public final void onQueryTerminated(QueryTerminatedEvent event) {
        StreamingQuery query = running.remove(event.runId());
        if (query != null) {
            terminated(event, query);
        }
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        StreamingQuery query = running.get(event.progress().runId());
        if (query != null) {
            progress(event, query);
        }
    }

    /** The query started; called on the thread that called {@code start()}. */
    protected abstract void started(QueryStartedEvent event, StreamingQuery query);

    /** A batch of a query this listener saw start ended. */
    protected abstract void progress(QueryProgressEvent event, StreamingQuery query);

    /** A query this listener saw start terminated; {@code query.exception()} tells whether it failed. */
    protected abstract void terminated(QueryTerminatedEvent event, StreamingQuery query);

    /** The label of a query in logs and metrics: its name, or its id when unnamed. */
    public static String label(StreamingQuery query) {
        return query.name() == null ? query.id().toString() : query.name();
    }
}
