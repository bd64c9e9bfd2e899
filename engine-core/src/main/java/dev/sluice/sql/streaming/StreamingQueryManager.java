package dev.sluice.sql.streaming;

import dev.sluice.monitor.QueryLog;
import dev.sluice.monitor.QueryMBeans;
import dev.sluice.sql.RuntimeConfig;
import dev.sluice.sql.SluiceSession;
import dev.sluice.stream.BatchHooks;
import dev.sluice.stream.Clock;
import dev.sluice.stream.ListenerBus;
import dev.sluice.stream.MicroBatchExecution;
import dev.sluice.stream.QueryEvents;
import dev.sluice.stream.QuerySpec;
import dev.sluice.stream.SystemClock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The streaming queries of one session, as Spark's {@code StreamingQueryManager} ({@code session.streams()}):
 * lists active queries, waits for any of them to end, and holds the session's
 * {@link StreamingQueryListener}s. Several queries run concurrently, each on its own thread with its own
 * checkpoint; two runs of the same query id (same checkpoint) cannot be active at once. Thread-safe.
 *
 * <p>When {@code spark.streaming.stopGracefullyOnShutdown} is true, a JVM shutdown hook stops every active
 * query after its current batch (so no batch is left half-done).
 */
public final class StreamingQueryManager {
    private final SluiceSession session;
    private final ListenerBus bus = new ListenerBus();
    private final Map<UUID, MicroBatchExecution> active = new LinkedHashMap<>();
    private final Object lock = new Object();
    private StreamingQuery lastTerminated;
    private boolean shutdownHookInstalled;
    private volatile Clock clock = SystemClock.INSTANCE;
    private volatile BatchHooks hooks = BatchHooks.NONE;

    /** Internal: use {@link SluiceSession#streams()}. */
    public StreamingQueryManager(SluiceSession session) {
        this.session = session;
        bus.addInternalListener(new QueryLog(session, this));
        bus.addInternalListener(new QueryMBeans(session, this));
    }

    /** The queries currently running. */
    public StreamingQuery[] active() {
        synchronized (lock) {
            return active.values().toArray(new StreamingQuery[0]);
        }
    }

    /** The active query with this id, or null. */
    public StreamingQuery get(UUID id) {
        synchronized (lock) {
            return active.get(id);
        }
    }

    public StreamingQuery get(String id) {
        return get(UUID.fromString(id));
    }

    /**
     * Waits until any query terminates (or one already terminated since the last {@link #resetTerminated()}).
     *
     * @throws StreamingQueryException when that query failed
     */
    public void awaitAnyTermination() {
        awaitAnyTermination(Long.MAX_VALUE);
    }

    /**
     * As {@link #awaitAnyTermination()}, at most {@code timeoutMs}.
     *
     * @return whether a query terminated
     */
    public boolean awaitAnyTermination(long timeoutMs) {
        long deadline = timeoutMs == Long.MAX_VALUE ? Long.MAX_VALUE : System.currentTimeMillis() + timeoutMs;
        synchronized (lock) {
            while (lastTerminated == null) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                try {
                    lock.wait(Math.min(left, 1000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted in awaitAnyTermination", e);
                }
            }
            if (lastTerminated.exception().isDefined()) {
                throw lastTerminated.exception().get();
            }
            return true;
        }
    }

    /** Forgets past terminations, so {@link #awaitAnyTermination()} waits for a new one. */
    public void resetTerminated() {
        synchronized (lock) {
            lastTerminated = null;
        }
    }

    /** Registers a listener for the events of every query of this session. */
    public void addListener(StreamingQueryListener listener) {
        bus.addListener(listener);
    }

    public void removeListener(StreamingQueryListener listener) {
        bus.removeListener(listener);
    }

    /**
     * Sluice extension for its own modules (the web UI): a listener that is not listed by
     * {@link #listListeners()} and cannot be removed, delivered before the user's listeners.
     */
    public void addInternalListener(StreamingQueryListener listener) {
        bus.addInternalListener(listener);
    }

    public StreamingQueryListener[] listListeners() {
        return bus.listeners().toArray(new StreamingQueryListener[0]);
    }

    // ---- internal

    Clock clock() {
        return clock;
    }

    /** Tests: the clock of queries started from now on. */
    void setClock(Clock clock) {
        this.clock = clock;
    }

    BatchHooks hooks() {
        return hooks;
    }

    /** Tests: hooks of queries started from now on. */
    void setHooks(BatchHooks hooks) {
        this.hooks = hooks;
    }

    /** Tests: waits until queued listener events are delivered. */
    boolean awaitListenerEvents(long timeoutMs) throws InterruptedException {
        return bus.waitUntilEmpty(timeoutMs);
    }

    StreamingQuery startQuery(QuerySpec spec) {
        synchronized (lock) {
            if (spec.name() != null) {
                for (MicroBatchExecution q : active.values()) {
                    if (spec.name().equals(q.name())) {
                        throw new IllegalArgumentException("Cannot start query with name " + spec.name() + " as a query"
                                + " with that name is already active in this SluiceSession");
                    }
                }
            }
            MicroBatchExecution query = new MicroBatchExecution(spec, new Events());
            if (active.containsKey(query.id())) {
                throw new IllegalStateException("Cannot start query with id " + query.id() + " as another query with"
                        + " same id is already active. Perhaps you are attempting to restart a query from checkpoint"
                        + " that is already active.");
            }
            active.put(query.id(), query);
            installShutdownHookIfNeeded();
            bus.postSync(new StreamingQueryListener.QueryStartedEvent(query.id(), query.runId(), query.name(),
                    dev.sluice.stream.ProgressEvents.timestamp(spec.clock().getTimeMillis())));
            query.start();
            return query;
        }
    }

    private void installShutdownHookIfNeeded() {
        if (!shutdownHookInstalled
                && Boolean.parseBoolean(session.conf().get(RuntimeConfig.STOP_GRACEFULLY_ON_SHUTDOWN))) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::stopAllGracefully, "sluice-streaming-shutdown"));
            shutdownHookInstalled = true;
        }
    }

    /** Stops every active query after its current batch (the shutdown hook's action). */
    void stopAllGracefully() {
        List<MicroBatchExecution> running;
        synchronized (lock) {
            running = new ArrayList<>(active.values());
        }
        for (MicroBatchExecution q : running) {
            q.stop();
        }
    }

    private final class Events implements QueryEvents {
        @Override
        public void post(StreamingQueryListener.Event event) {
            bus.post(event);
        }

        @Override
        public void terminated(MicroBatchExecution query, Runnable markInactive) {
            synchronized (lock) {
                active.remove(query.id());
                markInactive.run();
                if (lastTerminated == null || query.exception().isDefined()) {
                    lastTerminated = query;
                }
                lock.notifyAll();
            }
        }
    }
}
