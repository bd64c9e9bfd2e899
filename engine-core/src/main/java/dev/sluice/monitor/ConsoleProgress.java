package dev.sluice.monitor;

import dev.sluice.sql.streaming.StreamingQuery;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A console progress bar for {@code Trigger.AvailableNow} runs over file or Kafka sources ({@link Backlog}): one
 * line per query, redrawn after each batch ({@code \r}), e.g.
 * {@code backfill [=========>          ] 120/200 files  60%  35.2 files/s  ETA 0:02} (offsets for Kafka), and ended
 * with a newline when the query terminates. Queries without a backlog draw nothing. Turned on by
 * {@code spark.ui.showConsoleProgress} (Spark's setting) when the process has a terminal ({@link ConsoleProgressPlugin});
 * applications may also register it as a listener. Events come on the listener thread, one at a time.
 */
public final class ConsoleProgress extends TrackingListener {
    static final int WIDTH = 30;
    private final PrintStream out;
    private final Map<UUID, Long> startNanos = new ConcurrentHashMap<>();
    private final Map<UUID, Boolean> drawn = new ConcurrentHashMap<>();

    /** Draws on {@code out} the bars of the queries of {@code session}'s manager. */
    public ConsoleProgress(dev.sluice.sql.streaming.StreamingQueryManager streams, PrintStream out) {
        super(streams);
        this.out = out;
    }

    @Override
    protected void started(QueryStartedEvent event, StreamingQuery query) {
        startNanos.put(query.runId(), System.nanoTime());
    }

    @Override
    protected void progress(QueryProgressEvent event, StreamingQuery query) {
        Optional<Backlog> backlog = Backlog.of(event.progress());
        if (backlog.isEmpty()) {
            return;
        }
        double seconds = (System.nanoTime() - startNanos.getOrDefault(query.runId(), System.nanoTime())) / 1e9;
        out.print("\r" + line(label(query), backlog.get(), seconds));
        out.flush();
        drawn.put(query.runId(), true);
    }

    @Override
    protected void terminated(QueryTerminatedEvent event, StreamingQuery query) {
        startNanos.remove(query.runId());
        if (drawn.remove(query.runId()) != null) {
            out.println();
            out.flush();
        }
    }

    /** One bar: label, bar, done/total, percentage, rate and time left at that rate. */
    public static String line(String label, Backlog b, double seconds) {
        double fraction = b.total() == 0 ? 1 : (double) b.done() / b.total();
        int filled = (int) Math.round(fraction * WIDTH);
        StringBuilder bar = new StringBuilder("=".repeat(filled));
        if (filled < WIDTH) {
            bar.append('>').append(" ".repeat(WIDTH - filled - 1));
        }
        double rate = seconds > 0 ? b.done() / seconds : 0;
        String eta = rate > 0 ? clock(Math.round((b.total() - b.done()) / rate)) : "?";
        return String.format(java.util.Locale.ROOT, "%s [%s] %d/%d %s %3d%%  %.1f %s/s  ETA %s", label,
                bar, b.done(), b.total(), b.unit(), Math.round(fraction * 100), rate, b.unit(), eta);
    }

    private static String clock(long seconds) {
        return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }
}
