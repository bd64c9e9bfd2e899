package dev.sluice.ui;

import dev.sluice.monitor.SessionPlugin;
import dev.sluice.monitor.SessionPlugins;
import dev.sluice.sql.SluiceSession;

/** Starts the web UI with a session whose {@code spark.ui.enabled} is true (found by ServiceLoader). Stateless. */
public final class UiPlugin implements SessionPlugin {
    @Override
    public String enabledKey() {
        return SessionPlugins.UI_ENABLED;
    }

    @Override
    public AutoCloseable start(SluiceSession session) {
        return UiServer.start(session, UiSettings.from(session.conf()));
    }
}
