package dev.sluice;

import dev.sluice.monitor.LogLevels;
import dev.sluice.sql.SluiceSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The calls of Spark's {@code SparkContext} ({@code org.apache.spark.SparkContext}, reached as
 * {@code spark.sparkContext()}) that an in-process engine can honour, reached as {@link SluiceSession#sparkContext()}:
 * {@link #setLogLevel}, {@link #appName()}, {@link #master()}, {@link #defaultParallelism()}, {@link #isLocal()},
 * {@link #startTime()}, {@link #getConf()}, and {@link #addProgressListener} (the counterpart of
 * {@code addSparkListener} for Sluice's batch-read progress). There are no RDDs, broadcasts or accumulators.
 * One per session; thread-safe.
 */
public final class SluiceContext {
    /** Spark's {@code SparkContext.VALID_LOG_LEVELS}, in the order Spark's error message lists them. */
    static final List<String> VALID_LOG_LEVELS = List.of("ALL", "DEBUG", "ERROR", "WARN", "INFO", "OFF", "FATAL",
            "TRACE");
    private static final Set<String> VALID = Set.copyOf(VALID_LOG_LEVELS);

    private final SluiceSession session;
    private final long startTime = System.currentTimeMillis();
    private final List<ReadProgressListener> listeners = new CopyOnWriteArrayList<>();
    private final List<ReadProgressListener> internalListeners = new CopyOnWriteArrayList<>();

    /** The context of {@code session}; made by the session. */
    public SluiceContext(SluiceSession session) {
        this.session = session;
    }

    /**
     * Sets the level of Sluice's loggers ({@code dev.sluice} and below), as Spark's {@code setLogLevel} sets its
     * root logger: one of ALL, DEBUG, ERROR, FATAL, INFO, OFF, TRACE, WARN, in any case. Works with the Logback,
     * Log4j 2, slf4j-simple and java.util.logging (slf4j-jdk14) bindings; with another binding a warning says the
     * level is unchanged (see docs/OPERATIONS.md). The level is process-wide, as logging configuration is.
     *
     * @throws IllegalArgumentException with Spark's message for any other level
     */
    public void setLogLevel(String logLevel) {
        String upper = logLevel == null ? "null" : logLevel.toUpperCase(Locale.ROOT);
        if (!VALID.contains(upper)) {
            throw new IllegalArgumentException("requirement failed: Supplied level " + logLevel
                    + " did not match one of: " + String.join(",", VALID_LOG_LEVELS));
        }
        LogLevels.set(upper);
    }

    /** The session's application name ({@code Builder.appName}). */
    public String appName() {
        return session.appName();
    }

    /** The session's master, e.g. {@code local[4]}. */
    public String master() {
        return session.master();
    }

    /** Tasks run in parallel: N of {@code local[N]}, as Spark's local {@code defaultParallelism}. */
    public int defaultParallelism() {
        return session.parallelism();
    }

    /** Always true: Sluice runs in-process, as Spark's {@code local} masters. */
    public boolean isLocal() {
        return true;
    }

    /** When the session was created, in milliseconds since the epoch. */
    public long startTime() {
        return startTime;
    }

    /**
     * A copy of the session's settings with {@code spark.app.name} and {@code spark.master}, as Spark's
     * {@code getConf} returns a copy: changing it changes nothing (use {@code session.conf().set}).
     */
    public Map<String, String> getConf() {
        Map<String, String> conf = new LinkedHashMap<>(session.conf().getAll());
        conf.put("spark.app.name", appName());
        conf.put("spark.master", master());
        return conf;
    }

    /** Registers a listener told about the progress of batch reads over files ({@code session.read()}). */
    public void addProgressListener(ReadProgressListener listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    /** Unregisters a listener (no-op when it is not registered). */
    public void removeProgressListener(ReadProgressListener listener) {
        listeners.remove(listener);
    }

    /** The listeners added with {@link #addProgressListener}, in the order added. */
    public List<ReadProgressListener> listProgressListeners() {
        return List.copyOf(listeners);
    }

    /**
     * For Sluice's own modules (the console progress bar): a listener told before the applications' ones and not
     * listed by {@link #listProgressListeners()}.
     */
    public void addInternalProgressListener(ReadProgressListener listener) {
        internalListeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    /** Every listener to tell, internal ones first. */
    public List<ReadProgressListener> progressListeners() {
        if (internalListeners.isEmpty()) {
            return listProgressListeners();
        }
        List<ReadProgressListener> all = new java.util.ArrayList<>(internalListeners);
        all.addAll(listeners);
        return all;
    }
}
