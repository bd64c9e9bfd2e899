package dev.sluice.stream.realtime;

import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.Deduplicate;
import dev.sluice.plan.logical.EventTimeWatermark;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.FlatMapGroupsWithState;
import dev.sluice.plan.logical.Generate;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.MapPartitions;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.StreamingRelation;
import dev.sluice.plan.logical.SubqueryAlias;
import dev.sluice.plan.logical.TransformWithState;
import dev.sluice.plan.logical.TypedFilter;
import dev.sluice.plan.logical.Union;
import dev.sluice.plan.logical.UpdateSessions;
import dev.sluice.spi.Sink;
import dev.sluice.spi.Source;
import dev.sluice.spi.SupportsRealTime;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.streaming.OutputMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * What {@code Trigger.RealTime} accepts, checked at {@code start()} with Spark 4.1's error classes
 * ({@code STREAMING_REAL_TIME_MODE.*}, {@code INVALID_STREAMING_REAL_TIME_MODE_TRIGGER_INTERVAL}); each message
 * ends with the list of what Sluice allows, since Sluice's list is longer than Spark's (every stateful operator of
 * this single-process engine can run in an epoch). Stateless; thread-safe.
 */
public final class RealTimeChecks {
    /** Spark's setting: the shortest checkpoint interval allowed (ms). */
    public static final String MIN_BATCH_DURATION = "spark.sql.streaming.realTimeMode.minBatchDuration";
    /** Spark's setting: false skips the operator and sink allowlists ("at your own risk"). */
    public static final String ALLOWLIST_CHECK = "spark.sql.streaming.realTimeMode.allowlistCheck";

    /** The streaming operators an epoch can run, as {@code explain()} and the plans name them. */
    public static final List<String> ALLOWED_OPERATORS = List.of("Project", "Filter", "Generate (explode, window)",
            "EventTimeWatermark", "Union", "SubqueryAlias", "MapPartitions (map, flatMap)", "TypedFilter",
            "stream-static Join", "stream-stream Join", "Aggregate (update; append with a watermark)",
            "session windows (append)", "Deduplicate (dropDuplicates, dropDuplicatesWithinWatermark)",
            "FlatMapGroupsWithState", "TransformWithState");
    /** The built-in and connector sources that support real-time mode. */
    public static final String ALLOWED_SOURCES = "kafka, socket, rate, MemoryStream, nexmark";
    /** The built-in and connector sinks that support real-time mode. */
    public static final String ALLOWED_SINKS = "kafka, console, memory, foreach, noop";

    private RealTimeChecks() {
    }

    /**
     * Checks a query started with {@code Trigger.RealTime(intervalMs)}.
     *
     * @param conf the session's settings, by key with a default
     * @throws AnalysisException with Spark's error class for the first thing not supported
     */
    public static void checkQuery(LogicalPlan plan, OutputMode outputMode, long intervalMs, Sink sink,
                                  String sinkName, Function<String, String> conf) {
        String minText = conf.apply(MIN_BATCH_DURATION);
        long min = minText == null ? 5000 : Long.parseLong(minText.trim());
        if (intervalMs < min) {
            throw new AnalysisException("INVALID_STREAMING_REAL_TIME_MODE_TRIGGER_INTERVAL",
                    "The real-time trigger interval is set to " + intervalMs + " ms. This is less than the " + min
                            + " ms minimum specified by " + MIN_BATCH_DURATION + ".", "22023");
        }
        if (outputMode == OutputMode.Complete()) {
            String mode = outputMode.toString().toLowerCase(Locale.ROOT);
            throw realTime("OUTPUT_MODE_NOT_SUPPORTED", "The output mode " + mode + " is not supported. To work"
                    + " around this limitation, set the output mode to Update. In the future, " + mode + " may be"
                    + " supported. (Sluice's real-time mode runs append and update.)");
        }
        List<String> sources = new ArrayList<>();
        collectSourcesWithoutRealTime(plan, sources);
        if (!sources.isEmpty()) {
            throw inputNotSupported(String.join(", ", sources));
        }
        boolean allowlist = !"false".equalsIgnoreCase(String.valueOf(conf.apply(ALLOWLIST_CHECK)).trim());
        if (allowlist) {
            Set<String> refused = new LinkedHashSet<>();
            collectRefused(plan, refused);
            if (!refused.isEmpty()) {
                throw realTime("OPERATOR_OR_SINK_NOT_IN_ALLOWLIST", "The operator(s): " + String.join(", ", refused)
                        + " not in the operator allowlist for Real-Time Mode. To bypass this check, set "
                        + ALLOWLIST_CHECK + " to false. By changing this, you agree to run the query at your own"
                        + " risk. Operators allowed in Sluice's real-time mode: " + String.join(", ", ALLOWED_OPERATORS)
                        + ".");
            }
        }
        if (!sink.supportsRealTime()) {
            throw realTime("SINK_NOT_SUPPORTED", "The " + sinkName + " sink is currently not supported. See the"
                    + " Real-Time Mode User Guide for a list of supported sinks. Sinks that support Sluice's real-time"
                    + " mode: " + ALLOWED_SINKS + " (file sinks and foreachBatch need whole batches: use a"
                    + " processing-time trigger).");
        }
    }

    /**
     * Checks a source of a real-time query when the query creates it.
     *
     * @throws AnalysisException {@code STREAMING_REAL_TIME_MODE.INPUT_STREAM_NOT_SUPPORTED} for a source that cannot
     *         deliver continuously
     */
    public static void checkSource(Source source) {
        if (!(source instanceof SupportsRealTime)) {
            throw inputNotSupported(source.description());
        }
    }

    private static AnalysisException inputNotSupported(String what) {
        return realTime("INPUT_STREAM_NOT_SUPPORTED", "The input stream " + what + " is not supported in Real-time"
                + " Mode. Sources that support Sluice's real-time mode: " + ALLOWED_SOURCES + ".");
    }

    /** The descriptions of the plan's streaming leaves whose sources cannot run in real time. */
    private static void collectSourcesWithoutRealTime(LogicalPlan node, List<String> out) {
        if (node instanceof StreamingRelation r && !r.supportsRealTime() && !out.contains(r.description())) {
            out.add(r.description());
        }
        for (LogicalPlan child : new ArrayList<>(node.children())) {
            collectSourcesWithoutRealTime(child, out);
        }
    }

    private static AnalysisException realTime(String subClass, String message) {
        return new AnalysisException("STREAMING_REAL_TIME_MODE." + subClass,
                "Streaming real-time mode has the following limitation: " + message, "0A000");
    }

    private static void collectRefused(LogicalPlan node, Set<String> refused) {
        if (!node.isStreaming()) {
            return; // a static side (of a stream-static join) is evaluated once per run, whatever it holds
        }
        if (!allowed(node)) {
            refused.add(node.getClass().getSimpleName());
        }
        for (LogicalPlan child : new ArrayList<>(node.children())) {
            collectRefused(child, refused);
        }
    }

    private static boolean allowed(LogicalPlan node) {
        return node instanceof StreamingRelation || node instanceof Project || node instanceof Filter
                || node instanceof Generate || node instanceof EventTimeWatermark || node instanceof Union
                || node instanceof SubqueryAlias || node instanceof MapPartitions || node instanceof TypedFilter
                || node instanceof Join || node instanceof Aggregate || node instanceof UpdateSessions
                || node instanceof Deduplicate || node instanceof FlatMapGroupsWithState
                || node instanceof TransformWithState;
    }
}
