package dev.sluice.monitor;

import dev.sluice.sql.SluiceSession;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the {@link SessionPlugin}s a session's settings turn on, and stops them with the session. Not thread-safe:
 * one session starts and stops its plugins, once each.
 */
public final class SessionPlugins implements AutoCloseable {
    /** The web UI's setting, known here to explain a missing module. */
    public static final String UI_ENABLED = "spark.ui.enabled";
    private static final Logger LOG = LoggerFactory.getLogger("dev.sluice.session");
    private final List<AutoCloseable> started = new ArrayList<>();

    private SessionPlugins() {
    }

    /**
     * Starts every plugin whose setting is true in {@code session}'s configuration.
     *
     * @throws IllegalArgumentException when {@value #UI_ENABLED} is true and the UI module is not on the class path
     */
    public static SessionPlugins start(SluiceSession session) {
        SessionPlugins out = new SessionPlugins();
        boolean uiFound = false;
        for (SessionPlugin plugin : ServiceLoader.load(SessionPlugin.class, SessionPlugin.class.getClassLoader())) {
            uiFound |= plugin.enabledKey().equals(UI_ENABLED);
            if (Boolean.parseBoolean(session.conf().get(plugin.enabledKey(), "false").trim())) {
                try {
                    out.started.add(plugin.start(session));
                } catch (RuntimeException e) {
                    out.close(); // the session is not created: stop what already started
                    throw e;
                }
            }
        }
        if (!uiFound && Boolean.parseBoolean(session.conf().get(UI_ENABLED, "false").trim())) {
            out.close();
            throw new IllegalArgumentException(UI_ENABLED + " is true but the Sluice web UI module is not on the class"
                    + " path: add the dependency dev.sluice:engine-ui (see docs/OPERATIONS.md)");
        }
        return out;
    }

    /** Stops the plugins, newest first; a failure is logged and the others still stop. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                LOG.warn("Could not stop session plugin {}", started.get(i), e);
            }
        }
        started.clear();
    }
}
