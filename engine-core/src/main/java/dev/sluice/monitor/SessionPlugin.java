package dev.sluice.monitor;

import dev.sluice.sql.SluiceSession;

/**
 * An optional module that starts with a session when its setting is true, found with {@link java.util.ServiceLoader}
 * (file {@code META-INF/services/dev.sluice.monitor.SessionPlugin}): the web UI ({@code engine-ui},
 * {@code spark.ui.enabled}) is one. Keeps engine-core free of the module's dependencies: nothing of it is loaded
 * unless the module is on the class path and its setting is on. Implementations are stateless factories.
 */
public interface SessionPlugin {
    /** The boolean setting that turns the plugin on (default off). */
    String enabledKey();

    /**
     * Starts the plugin for {@code session}, whose configuration is complete.
     *
     * @return what {@link SluiceSession#stop()} closes
     */
    AutoCloseable start(SluiceSession session);
}
