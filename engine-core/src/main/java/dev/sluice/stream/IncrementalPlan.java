package dev.sluice.stream;

import dev.sluice.batch.Chunk;
import dev.sluice.exec.physical.ChunkConsumer;
import dev.sluice.exec.physical.MemoryBudget;
import dev.sluice.exec.physical.PhysicalPlan;
import dev.sluice.exec.physical.PhysicalPlanner;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.Deduplicate;
import dev.sluice.plan.logical.EventTimeWatermark;
import dev.sluice.plan.logical.FlatMapGroupsWithState;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.Limit;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.StreamingRelation;
import dev.sluice.plan.logical.UpdateSessions;
import dev.sluice.sql.streaming.OutputMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The physical plan of a streaming query, built once per query run: the batch planner's tree in which
 * streaming leaves are {@link MicroBatchScanExec}s, {@code withWatermark} nodes report event times
 * ({@link EventTimeWatermarkExec}), stateful operators (streaming aggregations, deduplications, append-mode
 * limits, stream-stream joins, groups with state) are {@link StatefulOperatorExec}s numbered in plan order
 * (children first, left before right: the ids name their state folders, so the order never changes), and
 * stream-static joins hash their static side once per run ({@link StreamStaticJoinExec}).
 * Each batch, {@link #execute} runs the tree over the batch's rows. Used by the query's execution thread only.
 */
final class IncrementalPlan {
    private final LogicalPlan plan;
    private final PhysicalPlan physical;
    private final WatermarkPropagation propagation;
    private final List<StreamingRelation> relations = new ArrayList<>();
    private final Map<StreamingRelation, MicroBatchScanExec> scans = new java.util.IdentityHashMap<>();
    private final List<StatefulOperator> operators = new ArrayList<>();
    private final List<EventTimeWatermark> watermarks = new ArrayList<>();

    /** {@code perOperatorWatermarks}: {@code spark.sql.streaming.statefulOperator.allowMultiple}. */
    IncrementalPlan(LogicalPlan plan, OutputMode outputMode, boolean perOperatorWatermarks) {
        this.plan = plan;
        this.physical = new Planner(outputMode).plan(plan);
        this.propagation = new WatermarkPropagation(physical, perOperatorWatermarks);
    }

    /** Plans the streaming nodes; batch nodes are left to {@link PhysicalPlanner}. */
    private final class Planner extends PhysicalPlanner {
        private final OutputMode outputMode;

        Planner(OutputMode outputMode) {
            this.outputMode = outputMode;
        }

        @Override
        protected PhysicalPlan planStreaming(LogicalPlan node) {
            if (node instanceof StreamingRelation r) {
                relations.add(r);
                MicroBatchScanExec scan = new MicroBatchScanExec(r, shared(r));
                scans.put(r, scan);
                return scan;
            }
            if (node instanceof EventTimeWatermark w && w.isStreaming()) {
                PhysicalPlan child = plan(w.child());
                watermarks.add(w);
                return new EventTimeWatermarkExec(w, child, shared(node));
            }
            if (StreamStaticJoinExec.applies(node)) {
                Join j = (Join) node;
                PhysicalPlan left = plan(j.left());
                return new StreamStaticJoinExec(j, left, plan(j.right()));
            }
            if (!isStateful(node)) {
                return null;
            }
            // Inputs first: operator ids are handed out children first, as the state folders were numbered.
            List<PhysicalPlan> inputs = new ArrayList<>();
            for (LogicalPlan child : node.children()) {
                inputs.add(plan(child));
            }
            StatefulOperator op = statefulOperator(node, operators.size());
            operators.add(op);
            List<PhysicalPlan> opInputs = new ArrayList<>();
            for (LogicalPlan input : op.inputs()) {
                opInputs.add(plan(input));
            }
            return new StatefulOperatorExec(op, opInputs);
        }

        private boolean isStateful(LogicalPlan node) {
            return node instanceof Join j && j.left().isStreaming() && j.right().isStreaming()
                    || node instanceof Aggregate a && a.isStreaming()
                    || node instanceof Deduplicate d && d.isStreaming()
                    || node instanceof FlatMapGroupsWithState g && g.isStreaming() && !g.stateless()
                    || node instanceof dev.sluice.plan.logical.TransformWithState t && t.isStreaming()
                    || node instanceof Limit l && l.isStreaming() && outputMode == OutputMode.Append();
        }

        private StatefulOperator statefulOperator(LogicalPlan node, int id) {
            if (node instanceof Join j) {
                return new StreamingSymmetricHashJoin(id, j);
            }
            if (node instanceof Aggregate a && a.child() instanceof UpdateSessions) {
                return new StreamingSessionAggregation(id, a, outputMode);
            }
            if (node instanceof Aggregate a) {
                return new StreamingAggregation(id, a, a.child(), outputMode);
            }
            if (node instanceof Deduplicate d) {
                return new StreamingDeduplication(id, d, d.child());
            }
            if (node instanceof FlatMapGroupsWithState g) {
                return new StreamingGroupsWithState(id, g, g.child());
            }
            if (node instanceof dev.sluice.plan.logical.TransformWithState t) {
                return new StreamingTransformWithState(id, t, t.child());
            }
            Limit l = (Limit) node;
            return new StreamingLimit(id, l, l.child());
        }
    }

    /** The streaming leaves in plan order; source {@code n} of the checkpoint reads leaf {@code n}. */
    List<StreamingRelation> relations() {
        return relations;
    }

    List<StatefulOperator> statefulOperators() {
        return operators;
    }

    /** Whether an operator needs batches as time passes, even without data (processing-time timeouts). */
    boolean runsBatchesWithoutData() {
        return operators.stream().anyMatch(StatefulOperator::runsBatchesWithoutData);
    }

    /** The streaming {@code withWatermark} nodes, in plan order. */
    List<EventTimeWatermark> watermarkNodes() {
        return watermarks;
    }

    /** How the global watermark reaches each stateful operator of this plan. */
    WatermarkPropagation watermarkPropagation() {
        return propagation;
    }

    LogicalPlan plan() {
        return plan;
    }

    /** Written and read by the query thread only. */
    private Map<String, dev.sluice.exec.physical.ExecutionContext.ObservedMetrics> lastObservedMetrics = Map.of();

    PhysicalPlan physicalPlan() {
        return physical;
    }

    /**
     * Runs one batch over {@code inputs} (the rows of each streaming leaf, by identity), at processing time
     * {@code batchTimestampMs} on up to {@code parallelism} threads, pushing the output chunks into
     * {@code output} in plan order, from the calling thread, as the plan produces them, and
     * reporting the rows passing each watermark node to {@code tracker}.
     */
    void execute(Map<StreamingRelation, BatchInput> inputs, WatermarkTracker tracker, long batchTimestampMs,
                 int parallelism, MemoryBudget memory, ChunkConsumer output) {
        MicroBatchContext context = new MicroBatchContext(batchTimestampMs, parallelism, memory, inputs, tracker);
        lastObservedMetrics = Map.of();
        context.run(physical, output);
        lastObservedMetrics = context.observedMetrics();
    }

    /** The metrics of the {@code observe} nodes of the last batch run (Spark's {@code observedMetrics}). */
    Map<String, dev.sluice.exec.physical.ExecutionContext.ObservedMetrics> lastObservedMetrics() {
        return lastObservedMetrics;
    }

    /** The physical plan as {@code explain()} prints it. */
    /** Records the filters the source of {@code relation} took ({@link SourcePushdown}), for {@link #treeString}. */
    void describePushdown(StreamingRelation relation, List<dev.sluice.sql.sources.Filter> filters) {
        MicroBatchScanExec scan = scans.get(relation);
        if (scan != null) {
            scan.pushedFilters(filters);
        }
    }

    String treeString() {
        return physical.treeString();
    }
}
