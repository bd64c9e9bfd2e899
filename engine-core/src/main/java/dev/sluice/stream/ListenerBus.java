package dev.sluice.stream;

import dev.sluice.sql.streaming.StreamingQueryListener;
import dev.sluice.sql.streaming.StreamingQueryListener.QueryIdleEvent;
import dev.sluice.sql.streaming.StreamingQueryListener.QueryProgressEvent;
import dev.sluice.sql.streaming.StreamingQueryListener.QueryStartedEvent;
import dev.sluice.sql.streaming.StreamingQueryListener.QueryTerminatedEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers streaming listener events of one session: {@link #postSync} on the caller's thread, {@link #post}
 * in order on one daemon thread. A listener that throws is logged (logger {@code dev.sluice.streaming.listener},
 * WARN with its stack trace) and kept. Internal listeners (the engine's own logging and metrics) get every event
 * before the user's and are not listed by {@link #listeners()}. Thread-safe.
 */
public final class ListenerBus {
    private static final Logger LOG = LoggerFactory.getLogger("dev.sluice.streaming.listener");
    private final List<StreamingQueryListener> internal = new CopyOnWriteArrayList<>();
    private final List<StreamingQueryListener> listeners = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<StreamingQueryListener.Event> queue = new LinkedBlockingQueue<>();
    private final Object idleLock = new Object();
    private int inFlight;
    private Thread thread;

    public void addListener(StreamingQueryListener listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener is null"));
    }

    /** Adds an engine listener: not listed, not removable, delivered before the user's listeners. */
    public void addInternalListener(StreamingQueryListener listener) {
        internal.add(java.util.Objects.requireNonNull(listener, "listener is null"));
    }

    public void removeListener(StreamingQueryListener listener) {
        listeners.remove(listener);
    }

    public List<StreamingQueryListener> listeners() {
        return List.copyOf(listeners);
    }

    /** Delivers now, on this thread. */
    public void postSync(StreamingQueryListener.Event event) {
        deliver(event);
    }

    /** Queues for delivery on the listener thread. */
    public void post(StreamingQueryListener.Event event) {
        synchronized (idleLock) {
            inFlight++;
            if (thread == null) {
                thread = new Thread(this::run, "sluice-streaming-listener-bus");
                thread.setDaemon(true);
                thread.start();
            }
        }
        queue.add(event);
    }

    /** Waits (at most {@code timeoutMs}) until every queued event has been delivered; returns whether it was. */
    public boolean waitUntilEmpty(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (idleLock) {
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idleLock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            return true;
        }
    }

    private void run() {
        while (true) {
            StreamingQueryListener.Event event;
            try {
                event = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                deliver(event);
            } finally {
                synchronized (idleLock) {
                    inFlight--;
                    idleLock.notifyAll();
                }
            }
        }
    }

    private void deliver(StreamingQueryListener.Event event) {
        deliver(internal, event);
        deliver(listeners, event);
    }

    private static void deliver(List<StreamingQueryListener> targets, StreamingQueryListener.Event event) {
        for (StreamingQueryListener l : targets) {
            try {
                if (event instanceof QueryStartedEvent e) {
                    l.onQueryStarted(e);
                } else if (event instanceof QueryProgressEvent e) {
                    l.onQueryProgress(e);
                } else if (event instanceof QueryIdleEvent e) {
                    l.onQueryIdle(e);
                } else if (event instanceof QueryTerminatedEvent e) {
                    l.onQueryTerminated(e);
                }
            } catch (RuntimeException e) {
                LOG.warn("StreamingQueryListener {} threw on {}; it keeps receiving events", l,
                        event.getClass().getSimpleName(), e);
            }
        }
    }
}
