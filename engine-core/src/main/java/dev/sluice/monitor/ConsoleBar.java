package dev.sluice.monitor;

import dev.sluice.sql.SluiceSession;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A console progress bar for work counted in files, e.g. a batch read ({@code read().json(folder)}) over many files:
 * redrawn in place ({@code \r}) at most every 100 ms and when the last file is done, then ended with a newline.
 * {@link #forSession} gives one only when {@code spark.ui.showConsoleProgress} is true and the process has a
 * terminal. Thread-safe: the reading threads call {@link #fileDone()} concurrently.
 */
public final class ConsoleBar implements AutoCloseable {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final ConsoleBar NONE = new ConsoleBar(null, "", 0);

    private final PrintStream out;
    private final String label;
    private final long total;
    private final long start = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private long lastDraw = Long.MIN_VALUE;
    private boolean drawn;

    /** A bar for {@code total} files labelled {@code label}, drawn on {@code out}. */
    public ConsoleBar(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = total;
    }

    /** A bar on standard error when {@code session} shows console progress and runs in a terminal; else a no-op. */
    public static ConsoleBar forSession(SluiceSession session, String label, long total) {
        boolean show = Boolean.parseBoolean(session.conf().get(ConsoleProgressPlugin.SHOW_CONSOLE_PROGRESS, "false")
                .trim());
        return show && total > 1 && System.console() != null ? new ConsoleBar(System.err, label, total) : NONE;
    }

    /** One more file is done. */
    public void fileDone() {
        if (out == null) {
            return;
        }
        long now = done.incrementAndGet();
        synchronized (this) {
            long time = System.nanoTime();
            if (now == total || lastDraw == Long.MIN_VALUE || time - lastDraw >= REDRAW_NANOS) {
                lastDraw = time;
                out.print("\r" + ConsoleProgress.line(label, new FileBacklog(done.get(), total), (time - start) / 1e9));
                out.flush();
                drawn = true;
            }
        }
    }

    /** Ends the bar's line (when it drew one). */
    @Override
    public synchronized void close() {
        if (drawn) {
            out.println();
            out.flush();
            drawn = false;
        }
    }
}
