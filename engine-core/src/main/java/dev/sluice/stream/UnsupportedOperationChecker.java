package dev.sluice.stream;

import dev.sluice.expr.Expression;
import dev.sluice.expr.aggregate.DistinctAggregate;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.Deduplicate;
import dev.sluice.plan.logical.EventTimeColumns;
import dev.sluice.plan.logical.FlatMapGroupsWithState;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.JoinType;
import dev.sluice.plan.logical.Limit;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Sort;
import dev.sluice.plan.logical.Union;
import dev.sluice.plan.logical.UpdateSessions;
import dev.sluice.plan.logical.Window;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.streaming.GroupStateTimeout;
import dev.sluice.sql.streaming.OutputMode;
import dev.sluice.exec.JoinOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rejects streaming plans Spark 4.1 rejects, with Spark's error classes and messages (its
 * {@code UnsupportedOperationChecker.checkForStreaming}), when a query starts. Stateless.
 */
public final class UnsupportedOperationChecker {
    private static final String LEGACY = "_LEGACY_ERROR_TEMP_3102";

    private UnsupportedOperationChecker() {
    }

    /**
     * @throws AnalysisException describing the first unsupported operation found
     */
    public static void checkForStreaming(LogicalPlan plan, OutputMode outputMode) {
        if (!plan.isStreaming()) {
            throw error("Queries without streaming sources cannot be executed with writeStream.start()", plan);
        }
        List<Aggregate> aggregates = streamingAggregates(plan);
        if (outputMode == OutputMode.Append() && aggregates.stream().anyMatch(a -> !hasEventTimeGrouping(a))) {
            // append needs a grouping on event time, to know when a group is final
            throw unsupportedOutputMode("append", "streaming aggregations without watermark");
        }
        if (outputMode == OutputMode.Update() && !aggregates.isEmpty()
                && aggregates.get(0).child() instanceof UpdateSessions) {
            throw unsupportedOutputMode("update", "session window streaming aggregations");
        }
        if (outputMode == OutputMode.Complete() && aggregates.isEmpty()) {
            throw unsupportedOutputMode("complete", "no streaming aggregations");
        }
        checkNodes(plan, plan, outputMode);
        checkGlobalWatermarkLimit(plan, outputMode);
    }

    /** Spark 4.1's {@code STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION} (its UnsupportedOperationChecker). */
    private static AnalysisException unsupportedOutputMode(String outputMode, String operation) {
        return new AnalysisException("STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION", "Invalid streaming output mode: "
                + outputMode + ". This output mode is not supported for " + operation
                + " on streaming DataFrames/DataSets.", "42KDE");
    }

    private static void checkNodes(LogicalPlan node, LogicalPlan root, OutputMode outputMode) {
        if (node instanceof FlatMapGroupsWithState m && m.nodeName().equals("CoGroup")) {
            // Spark's CoGroup has both sides as children; Sluice's unions them first, a union not to be checked
            for (LogicalPlan side : m.child().children()) {
                checkNodes(side, root, outputMode);
            }
            if (m.isStreaming()) {
                throw error("CoGrouping with a streaming DataFrame/Dataset is not supported", node);
            }
            return;
        }
        for (LogicalPlan child : node.children()) {
            checkNodes(child, root, outputMode);
        }
        checkExpressions(node);
        if (node instanceof Aggregate a && a.child().isStreaming()) {
            List<DistinctAggregate> distinct = new ArrayList<>();
            for (Expression e : a.aggregateExpressions()) {
                e.collect(DistinctAggregate.class, distinct);
            }
            if (!distinct.isEmpty()) {
                throw error("Distinct aggregations are not supported on streaming DataFrames/Datasets. Consider"
                        + " using approx_count_distinct() instead.", node);
            }
        } else if (node instanceof Deduplicate d && d.isStreaming() && d.withinWatermark()
                && EventTimeColumns.of(d.child()).isEmpty()) {
            throw error("dropDuplicatesWithinWatermark is not supported on streaming DataFrames/DataSets without"
                    + " watermark", node);
        } else if (node instanceof Deduplicate d && d.isStreaming() && !streamingAggregates(d.child()).isEmpty()) {
            throw error("dropDuplicates is not supported after aggregation on a streaming DataFrame/Dataset", node);
        } else if (node instanceof FlatMapGroupsWithState m && m.stateless()) {
            return; // Spark's MapGroups runs per micro-batch, unchecked
        } else if (node instanceof FlatMapGroupsWithState m && m.isStreaming()) {
            checkGroupsWithState(m, root, outputMode);
        } else if (node instanceof Join j) {
            checkJoin(j, outputMode);
        } else if (node instanceof Union u && u.children().stream().map(LogicalPlan::isStreaming).distinct().count() == 2) {
            throw error("Union between streaming and batch DataFrames/Datasets is not supported", node);
        } else if (node instanceof Limit l && l.child().isStreaming() && outputMode == OutputMode.Update()) {
            throw error("Limits are not supported on streaming DataFrames/Datasets in Update output mode", node);
        } else if (node instanceof Sort s && !containsCompleteData(s, outputMode)) {
            throw error("Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated"
                    + " DataFrame/Dataset in Complete output mode", node);
        } else if (node instanceof dev.sluice.plan.logical.Repartition r
                && r.kind() == dev.sluice.plan.logical.Repartition.Kind.SORT_WITHIN && !containsCompleteData(r, outputMode)) {
            throw error("Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated"
                    + " DataFrame/Dataset in Complete output mode", node);
        } else if (node instanceof dev.sluice.plan.logical.Sample s && s.child().isStreaming()) {
            throw error("Sampling is not supported on streaming DataFrames/Datasets", node);
        } else if (node instanceof Window w && w.child().isStreaming()) {
            throw new AnalysisException("NON_TIME_WINDOW_NOT_SUPPORTED_IN_STREAMING", "Window function is not supported"
                    + " in " + describeWindow(w) + " on streaming DataFrames/Datasets. Structured Streaming only"
                    + " supports time-window aggregation using the WINDOW function.", "42KDE");
        }
    }

    /** Spark's {@code checkUnsupportedExpressions}: {@code monotonically_increasing_id()} anywhere in the query. */
    private static void checkExpressions(LogicalPlan node) {
        List<String> found = new ArrayList<>();
        for (Expression e : node.expressions()) {
            e.exists(x -> {
                if (x instanceof dev.sluice.expr.random.PartitionFunction f && f.sql().startsWith("monotonically")
                        && !found.contains(f.sql())) {
                    found.add(f.sql());
                }
                return false;
            });
        }
        if (!found.isEmpty()) {
            throw error("Expression(s): " + String.join(", ", found) + " is not supported with streaming"
                    + " DataFrames/Datasets", node);
        }
    }

    /** Spark's output-mode and timeout rules of {@code [flat]MapGroupsWithState}. */
    private static void checkGroupsWithState(FlatMapGroupsWithState m, LogicalPlan root, OutputMode outputMode) {
        if (m.function().initialState() != null && m.function().initialState().isStreaming()) {
            throw error("Non-streaming DataFrame/Dataset is not supported as the initial state in"
                    + " [flatMap|map]GroupsWithState operation on a streaming DataFrame/Dataset", root);
        }
        boolean aggregations = !streamingAggregates(root).isEmpty();
        if (m.mapGroups()) {
            if (aggregations) {
                throw error("mapGroupsWithState is not supported with aggregation on a streaming DataFrame/Dataset", root);
            }
            if (outputMode != OutputMode.Update()) {
                throw error("mapGroupsWithState is not supported with " + outputMode + " output mode on a streaming"
                        + " DataFrame/Dataset", root);
            }
        } else if (!aggregations) {
            if (m.outputMode() != outputMode) {
                throw error("flatMapGroupsWithState in " + m.outputMode().toString().toLowerCase(java.util.Locale.ROOT)
                        + " mode is not supported with " + outputMode + " output mode on a streaming DataFrame/Dataset",
                        root);
            }
        } else if (m.outputMode() == OutputMode.Update()) {
            throw error("flatMapGroupsWithState in update mode is not supported with aggregation on a streaming"
                    + " DataFrame/Dataset", root);
        } else if (!streamingAggregates(m).isEmpty()) {
            throw error("flatMapGroupsWithState in append mode is not supported after aggregation on a streaming"
                    + " DataFrame/Dataset", root);
        }
        if (m.timeout() == GroupStateTimeout.EventTimeTimeout() && EventTimeColumns.of(m.child()).isEmpty()) {
            throw error("Watermark must be specified in the query using '[Dataset/DataFrame].withWatermark()' for"
                    + " using event-time timeout in a [map|flatMap]GroupsWithState. Event-time timeout not supported"
                    + " without watermark.", root);
        }
    }

    private static String describeWindow(Window w) {
        List<String> parts = new ArrayList<>();
        for (Expression e : w.windowExpressions()) {
            parts.add(e.sql());
        }
        return String.join(", ", parts);
    }

    /** Spark's rules for joins with streaming inputs (stream-static sides, stream-stream watermarks). */
    private static void checkJoin(Join j, OutputMode outputMode) {
        boolean left = j.left().isStreaming();
        boolean right = j.right().isStreaming();
        boolean both = left && right;
        if (both && outputMode != OutputMode.Append()) {
            throw error("Join between two streaming DataFrames/Datasets is not supported in " + outputMode
                    + " output mode, only in Append output mode", j);
        }
        switch (j.joinType()) {
            case INNER, CROSS -> {
                // no further validations needed
            }
            case FULL_OUTER -> {
                if (left != right) {
                    throw error("FullOuter joins with streaming DataFrames/Datasets on the " + (left ? "left" : "right")
                            + " and a static DataFrame/Dataset on the " + (left ? "right" : "left") + " is not supported",
                            j);
                }
                if (both) {
                    checkStreamStreamJoinWatermark(j);
                }
            }
            case LEFT_ANTI -> {
                if (right) {
                    throw error("LeftAnti joins with a streaming DataFrame/Dataset on the right are not supported", j);
                }
            }
            case LEFT_OUTER, LEFT_SEMI -> {
                if (!left && right) {
                    throw error(sparkName(j.joinType()) + " join with a streaming DataFrame/Dataset on the right and a"
                            + " static DataFrame/Dataset on the left is not supported", j);
                }
                if (both) {
                    checkStreamStreamJoinWatermark(j);
                }
            }
            case RIGHT_OUTER -> {
                if (left && !right) {
                    throw error("RightOuter join with a streaming DataFrame/Dataset on the left and a static"
                            + " DataFrame/DataSet on the right not supported", j);
                }
                if (both) {
                    checkStreamStreamJoinWatermark(j);
                }
            }
        }
        if (both && JoinOperator.extractEquiJoinKeys(j).leftKeys().isEmpty()) {
            // Spark's planner (StreamingJoinStrategy) needs equi-join keys to partition both sides' state
            throw new AnalysisException("_LEGACY_ERROR_TEMP_1181", "Stream-stream join without equality predicate is"
                    + " not supported.;\n" + j.treeString().stripTrailing(), null);
        }
    }

    /**
     * An outer or semi stream-stream join must be able to evict its state: a watermarked join key, or a
     * range condition bounding the nullable side's time by the other side's watermark (Spark's
     * {@code checkForStreamStreamJoinWatermark}).
     */
    private static void checkStreamStreamJoinWatermark(Join j) {
        Set<Long> leftIds = JoinOperator.ids(j.left().output());
        Set<Long> rightIds = JoinOperator.ids(j.right().output());
        Map<Long, Long> leftTimes = EventTimeColumns.of(j.left());
        Map<Long, Long> rightTimes = EventTimeColumns.of(j.right());
        long anyWatermark = 1_000_000;
        boolean leftBounded = StreamingJoinHelper.stateValueWatermark(leftIds, rightIds, rightTimes, j.condition(),
                anyWatermark).isPresent();
        boolean rightBounded = StreamingJoinHelper.stateValueWatermark(rightIds, leftIds, leftTimes, j.condition(),
                anyWatermark).isPresent();
        boolean validRange = switch (j.joinType()) {
            case LEFT_OUTER, LEFT_SEMI -> leftBounded;
            case RIGHT_OUTER -> rightBounded;
            case FULL_OUTER -> leftBounded || rightBounded;
            default -> false;
        };
        if (!StreamingJoinHelper.isWatermarkInJoinKeys(j) && !validRange) {
            throw error("Stream-stream " + sparkName(j.joinType()) + " join between two streaming DataFrame/Datasets"
                    + " is not supported without a watermark in the join keys, or a watermark on the nullable side"
                    + " and an appropriate range condition", j);
        }
    }

    /** The join type as Spark prints it in these messages (its case object's name). */
    private static String sparkName(JoinType type) {
        return switch (type) {
            case INNER -> "Inner";
            case LEFT_OUTER -> "LeftOuter";
            case RIGHT_OUTER -> "RightOuter";
            case FULL_OUTER -> "FullOuter";
            case LEFT_SEMI -> "LeftSemi";
            case LEFT_ANTI -> "LeftAnti";
            case CROSS -> "Cross";
        };
    }

    /** Chained stateful operators after an aggregation in complete/update mode (Spark 4's correctness check). */
    private static void checkGlobalWatermarkLimit(LogicalPlan plan, OutputMode outputMode) {
        if (isStateful(plan)) {
            for (LogicalPlan child : plan.children()) {
                if (containsAggregateEmittingUpdates(child, outputMode)) {
                    throw error("Detected pattern of possible 'correctness' issue due to global watermark. The query"
                            + " contains stateful operation which can emit rows older than the current watermark plus"
                            + " allowed late record delay, which are \"late rows\" in downstream stateful operations and"
                            + " these rows can be discarded. Please refer the programming guide doc for more details."
                            + " If you understand the possible risk of correctness issue and still need to run the"
                            + " query, you can disable this check by setting the config"
                            + " `spark.sql.streaming.statefulOperator.checkCorrectness.enabled` to false.", plan);
                }
            }
        }
        for (LogicalPlan child : plan.children()) {
            checkGlobalWatermarkLimit(child, outputMode);
        }
    }

    private static boolean isStateful(LogicalPlan p) {
        return p.isStreaming() && p instanceof Aggregate
                || p instanceof Join j && j.left().isStreaming() && j.right().isStreaming();
    }

    private static boolean containsAggregateEmittingUpdates(LogicalPlan p, OutputMode outputMode) {
        if (p instanceof Aggregate && p.isStreaming() && outputMode != OutputMode.Append()) {
            return true;
        }
        return p.children().stream().anyMatch(c -> containsAggregateEmittingUpdates(c, outputMode));
    }

    private static boolean containsCompleteData(LogicalPlan subplan, OutputMode outputMode) {
        return !subplan.isStreaming() || (!streamingAggregates(subplan).isEmpty() && outputMode == OutputMode.Complete());
    }

    private static boolean hasEventTimeGrouping(Aggregate aggregate) {
        return EventTimeColumns.find(aggregate.groupingExpressions(), EventTimeColumns.of(aggregate.child())) != null;
    }

    static List<Aggregate> streamingAggregates(LogicalPlan plan) {
        List<Aggregate> out = new ArrayList<>();
        collectAggregates(plan, out);
        return out;
    }

    private static void collectAggregates(LogicalPlan plan, List<Aggregate> out) {
        if (plan instanceof Aggregate a && a.isStreaming()) {
            out.add(a);
        }
        for (LogicalPlan child : plan.children()) {
            collectAggregates(child, out);
        }
    }

    /** Spark's legacy analysis error: the message, then the plan of the offending operator. */
    private static AnalysisException error(String message, LogicalPlan operator) {
        return new AnalysisException(LEGACY, message + ";\n" + operator.treeString().stripTrailing(), null);
    }
}
