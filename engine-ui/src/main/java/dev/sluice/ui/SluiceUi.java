package dev.sluice.ui;

import dev.sluice.sql.SluiceSession;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Where a session's web UI listens. The UI starts with the session when {@code spark.ui.enabled} is true and
 * {@code engine-ui} is on the class path; it stops with {@link SluiceSession#stop()}. Thread-safe.
 */
public final class SluiceUi {
    private static final Map<SluiceSession, URI> URLS = new WeakHashMap<>();

    private SluiceUi() {
    }

    /** The base URL of {@code session}'s UI (e.g. {@code http://127.0.0.1:4040/}), empty when it has none. */
    public static Optional<URI> url(SluiceSession session) {
        synchronized (URLS) {
            return Optional.ofNullable(URLS.get(session));
        }
    }

    static void register(SluiceSession session, URI url) {
        synchronized (URLS) {
            URLS.put(session, url);
        }
    }

    static void unregister(SluiceSession session) {
        synchronized (URLS) {
            URLS.remove(session);
        }
    }
}
