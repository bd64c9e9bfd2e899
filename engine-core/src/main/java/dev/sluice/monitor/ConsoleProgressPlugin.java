package dev.sluice.monitor;

import dev.sluice.sql.SluiceSession;

/**
 * Draws console progress bars on standard error for a session whose {@code spark.ui.showConsoleProgress} is true
 * (Spark's setting for its console progress bar, read when the session is created), only when the process runs in a
 * terminal: piped or redirected output (logs, CI) stays free of {@code \r} redraws. {@link ConsoleProgress} draws
 * {@code Trigger.AvailableNow} runs, {@link ConsoleBar} batch reads over files. Stateless.
 */
public final class ConsoleProgressPlugin implements SessionPlugin {
    public static final String SHOW_CONSOLE_PROGRESS = "spark.ui.showConsoleProgress";

    @Override
    public String enabledKey() {
        return SHOW_CONSOLE_PROGRESS;
    }

    @Override
    public AutoCloseable start(SluiceSession session) {
        if (System.console() != null) { // null when standard input or output is not a terminal
            session.streams().addInternalListener(new ConsoleProgress(session.streams(), System.err));
            session.sparkContext().addInternalProgressListener(new ConsoleBar(System.err));
        }
        return () -> { };
    }
}
