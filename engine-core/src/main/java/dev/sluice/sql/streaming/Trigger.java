package dev.sluice.sql.streaming;

import dev.sluice.expr.CalendarInterval;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * When a streaming query runs its micro-batches, as Spark's {@code Trigger}:
 * <ul>
 *   <li>default (no trigger set): the next batch starts as soon as the previous one ended and new data is
 *   available;</li>
 *   <li>{@link #ProcessingTime(long)}: batches start at multiples of the interval; a batch that overran
 *   its interval is followed immediately by the next one (late intervals are not queued up);</li>
 *   <li>{@link #Once()}: one batch with everything available at start, then the query stops;</li>
 *   <li>{@link #AvailableNow()}: everything available at start, in batches honouring the sources' read
 *   limits (e.g. {@code maxFilesPerTrigger}), then the query stops;</li>
 *   <li>{@link #RealTime(long)} (Spark 4.1's real-time mode): records are processed as they arrive and
 *   reach the sink as soon as an operator can emit them; offsets, state and the sink's commit are
 *   checkpointed once per interval as one epoch (see docs/ARCHITECTURE.md, "Epochs vs micro-batches").
 *   Unlike Spark 4.1, stateful operators run in it too; what is allowed is checked at {@code start()}.</li>
 * </ul>
 * Immutable values.
 */
public final class Trigger {
    /** The kind of a trigger. */
    public enum Kind { DEFAULT, PROCESSING_TIME, ONCE, AVAILABLE_NOW, REAL_TIME }

    private static final Trigger DEFAULT = new Trigger(Kind.DEFAULT, 0);
    private static final Trigger ONCE = new Trigger(Kind.ONCE, 0);
    private static final Trigger AVAILABLE_NOW = new Trigger(Kind.AVAILABLE_NOW, 0);

    private final Kind kind;
    private final long intervalMs;

    private Trigger(Kind kind, long intervalMs) {
        if (intervalMs < 0) {
            throw invalid("Interval cannot be negative: " + intervalMs);
        }
        this.kind = kind;
        this.intervalMs = intervalMs;
    }

    /**
     * A refused trigger interval (Spark's {@code require} texts): {@code SLUICE_INVALID_TRIGGER_INTERVAL}, an
     * {@link IllegalArgumentException} as Spark's.
     */
    private static dev.sluice.SluiceIllegalArgumentException invalid(String message) {
        return new dev.sluice.SluiceIllegalArgumentException("SLUICE_INVALID_TRIGGER_INTERVAL", message, "22023");
    }

    /** A batch every {@code intervalMs} milliseconds; 0 behaves as the default trigger. */
    public static Trigger ProcessingTime(long intervalMs) {
        return new Trigger(Kind.PROCESSING_TIME, intervalMs);
    }

    public static Trigger ProcessingTime(long interval, TimeUnit timeUnit) {
        return ProcessingTime(timeUnit.toMillis(interval));
    }

    /**
     * A batch every interval given as text, e.g. {@code "10 seconds"} or {@code "1 minute"}.
     *
     * @throws dev.sluice.sql.AnalysisException {@code CANNOT_PARSE_INTERVAL} when the text is not an interval
     *     (Spark raises its {@code INVALID_INTERVAL_FORMAT} parser errors here)
     * @throws dev.sluice.SluiceIllegalArgumentException {@code SLUICE_INVALID_TRIGGER_INTERVAL} when it has months
     *     or years, with Spark's text
     */
    public static Trigger ProcessingTime(String interval) {
        Objects.requireNonNull(interval, "interval is null");
        String text = interval.trim();
        if (text.isEmpty()) {
            throw invalid("interval cannot be null or blank.");
        }
        CalendarInterval parsed = CalendarInterval.parse(text);
        if (parsed.months() > 0) {
            throw invalid("Doesn't support month or year interval: " + interval);
        }
        return ProcessingTime(parsed.days() * 86_400_000L + parsed.microseconds() / 1000);
    }

    /**
     * Real-time mode with a checkpoint every {@code checkpointIntervalMs} milliseconds (Spark's
     * {@code RealTimeTrigger(batchDurationMs)}: one long-running epoch per interval). Spark refuses an interval
     * below {@code spark.sql.streaming.realTimeMode.minBatchDuration} (5 s by default) at {@code start()}, and
     * so does Sluice.
     */
    public static Trigger RealTime(long checkpointIntervalMs) {
        return new Trigger(Kind.REAL_TIME, checkpointIntervalMs);
    }

    public static Trigger RealTime(long checkpointInterval, TimeUnit timeUnit) {
        return RealTime(timeUnit.toMillis(checkpointInterval));
    }

    /** Real-time mode with a checkpoint interval given as text, e.g. {@code "5 seconds"} (see {@link #ProcessingTime(String)}). */
    public static Trigger RealTime(String checkpointInterval) {
        return RealTime(ProcessingTime(checkpointInterval).intervalMs());
    }

    /** Real-time mode with Spark's default checkpoint interval, 5 minutes. */
    public static Trigger RealTime() {
        return RealTime(5, TimeUnit.MINUTES);
    }

    public static Trigger Once() {
        return ONCE;
    }

    public static Trigger AvailableNow() {
        return AVAILABLE_NOW;
    }

    /** The trigger used when none is set: a new batch as soon as data arrives. */
    public static Trigger defaultTrigger() {
        return DEFAULT;
    }

    public Kind kind() {
        return kind;
    }

    /** The interval of a processing-time trigger, or the checkpoint interval of a real-time one, in milliseconds; 0 for the other kinds. */
    public long intervalMs() {
        return intervalMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Trigger t && t.kind == kind && t.intervalMs == intervalMs;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Long.hashCode(intervalMs);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case DEFAULT -> "ProcessingTimeTrigger(0)";
            case PROCESSING_TIME -> "ProcessingTimeTrigger(" + intervalMs + ")";
            case ONCE -> "OneTimeTrigger";
            case AVAILABLE_NOW -> "AvailableNowTrigger";
            case REAL_TIME -> "RealTimeTrigger(" + intervalMs + ")";
        };
    }
}
