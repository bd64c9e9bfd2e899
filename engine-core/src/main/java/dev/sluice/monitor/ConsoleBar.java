package dev.sluice.monitor;

import dev.sluice.ReadProgress;
import dev.sluice.ReadProgressListener;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console progress bar of batch reads over several files ({@code read().json(folder)}, any file format), a
 * {@link ReadProgressListener}: redrawn in place ({@code \r}) on the first file, at most every 100 ms and on the last
 * file, then ended with a newline; reads of one file draw nothing. {@link ConsoleProgressPlugin} registers one on
 * standard error when {@code spark.ui.showConsoleProgress} is true and the process has a terminal. Thread-safe:
 * events of different reads may come from different threads.
 */
public final class ConsoleBar implements ReadProgressListener {
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    /** Per read id, when its bar was last drawn (absent: never). */
    private final Map<Long, Long> lastDraw = new ConcurrentHashMap<>();

    /** A bar drawn on {@code out}. */
    public ConsoleBar(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onFileRead(ReadProgress p) {
        if (p.filesTotal() <= 1) {
            return;
        }
        long time = System.nanoTime();
        Long last = lastDraw.get(p.readId());
        if (p.filesDone() == p.filesTotal() || last == null || time - last >= REDRAW_NANOS) {
            lastDraw.put(p.readId(), time);
            synchronized (out) {
                out.print("\r" + ConsoleProgress.line(p.description(), new Backlog(p.filesDone(), p.filesTotal(),
                        "files"), p.elapsed().toNanos() / 1e9));
                out.flush();
            }
        }
    }

    @Override
    public void onReadEnded(ReadProgress p, Throwable failure) {
        if (lastDraw.remove(p.readId()) != null) {
            synchronized (out) {
                out.println();
                out.flush();
            }
        }
    }
}
