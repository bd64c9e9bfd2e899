package dev.sluice.stream;

import dev.sluice.batch.Chunk;
import dev.sluice.exec.BatchExecutor;
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
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The analyzed plan of a streaming query prepared for micro-batches, once per query run: its streaming
 * leaves (each read by one source), its stateful operators (streaming aggregations, deduplications,
 * append-mode limits, stream-stream joins), numbered in plan order, and its stream-static joins (whose
 * static side is read and hashed once per run, see {@link StreamStaticJoin}). Each batch, {@link #execute}
 * runs the plan with {@link BatchExecutor}: streaming leaves yield the batch's rows, stateful nodes fold
 * their inputs into their state and yield their output for the batch, stream-static joins probe their
 * static side with the batch's rows, stateless nodes run as in a batch query.
 * Used by the query's execution thread only.
 */
final class IncrementalPlan {
    private final LogicalPlan plan;
    private final List<StreamingRelation> relations = new ArrayList<>();
    private final Map<LogicalPlan, StatefulOperator> operators = new IdentityHashMap<>();
    private final List<StatefulOperator> operatorList = new ArrayList<>();
    private final List<EventTimeWatermark> watermarks = new ArrayList<>();
    private final Map<LogicalPlan, StreamStaticJoin> streamStaticJoins = new IdentityHashMap<>();
    private final List<StreamStaticJoin> streamStaticJoinList = new ArrayList<>();

    IncrementalPlan(LogicalPlan plan, OutputMode outputMode) {
        this.plan = plan;
        collect(plan, outputMode);
    }

    private void collect(LogicalPlan node, OutputMode outputMode) {
        for (LogicalPlan child : node.children()) {
            collect(child, outputMode);
        }
        if (operators.containsKey(node)) {
            return;
        }
        if (node instanceof StreamingRelation r && relations.stream().noneMatch(x -> x == r)) {
            relations.add(r);
        }
        if (node instanceof EventTimeWatermark w && w.isStreaming() && watermarks.stream().noneMatch(x -> x == w)) {
            watermarks.add(w);
        }
        if (StreamStaticJoin.applies(node)) {
            StreamStaticJoin join = new StreamStaticJoin((Join) node);
            streamStaticJoins.put(node, join);
            streamStaticJoinList.add(join);
            return;
        }
        StatefulOperator op = null;
        int id = operatorList.size();
        if (node instanceof Join j && j.left().isStreaming() && j.right().isStreaming()) {
            op = new StreamingSymmetricHashJoin(id, j);
        } else if (node instanceof Aggregate a && a.isStreaming() && a.child() instanceof UpdateSessions) {
            op = new StreamingSessionAggregation(id, a, outputMode);
        } else if (node instanceof Aggregate a && a.isStreaming()) {
            op = new StreamingAggregation(id, a, a.child(), outputMode);
        } else if (node instanceof Deduplicate d && d.isStreaming()) {
            op = new StreamingDeduplication(id, d, d.child());
        } else if (node instanceof FlatMapGroupsWithState g && g.isStreaming()) {
            op = new StreamingGroupsWithState(id, g, g.child());
        } else if (node instanceof Limit l && l.isStreaming() && outputMode == OutputMode.Append()) {
            op = new StreamingLimit(id, l, l.child());
        }
        if (op != null) {
            operators.put(node, op);
            operatorList.add(op);
        }
    }

    /** The streaming leaves in plan order; source {@code n} of the checkpoint reads leaf {@code n}. */
    List<StreamingRelation> relations() {
        return relations;
    }

    List<StatefulOperator> statefulOperators() {
        return operatorList;
    }

    /** Whether an operator needs batches as time passes, even without data (processing-time timeouts). */
    boolean runsBatchesWithoutData() {
        return operatorList.stream().anyMatch(StatefulOperator::runsBatchesWithoutData);
    }

    /** The streaming {@code withWatermark} nodes, in plan order. */
    List<EventTimeWatermark> watermarkNodes() {
        return watermarks;
    }

    LogicalPlan plan() {
        return plan;
    }

    /**
     * Runs one batch over {@code inputs} (the rows of each streaming leaf, by identity), reporting the rows
     * passing each watermark node to {@code tracker}.
     */
    List<Chunk> execute(Map<StreamingRelation, List<Chunk>> inputs, WatermarkTracker tracker) {
        Map<LogicalPlan, List<Chunk>> done = new IdentityHashMap<>();
        BatchExecutor[] executor = new BatchExecutor[1];
        executor[0] = new BatchExecutor(node -> {
            List<Chunk> cached = done.get(node);
            if (cached != null) {
                return cached;
            }
            List<Chunk> result;
            if (node instanceof StreamingRelation r) {
                result = inputs.getOrDefault(r, List.of());
            } else if (operators.containsKey(node)) {
                StatefulOperator op = operators.get(node);
                List<List<Chunk>> opInputs = new ArrayList<>();
                for (LogicalPlan input : op.inputs()) {
                    opInputs.add(executor[0].execute(input));
                }
                result = op.process(opInputs);
            } else if (streamStaticJoins.containsKey(node)) {
                result = streamStaticJoins.get(node).execute(executor[0]::execute);
            } else if (node instanceof EventTimeWatermark w) {
                result = executor[0].execute(w.child());
                tracker.observe(w, result, w.eventTimeOrdinal());
            } else {
                throw new IllegalStateException("no data for plan leaf " + node.describe());
            }
            done.put(node, result);
            return result;
        }, node -> node instanceof StreamingRelation || operators.containsKey(node)
                || streamStaticJoins.containsKey(node) || (node instanceof EventTimeWatermark && node.isStreaming()));
        return executor[0].execute(plan);
    }

    /** The plan as {@code explain()} prints it, stateful operators marked with their state id. */
    String treeString() {
        StringBuilder sb = new StringBuilder(plan.treeString());
        for (StatefulOperator op : operatorList) {
            sb.append("StatefulOperator ").append(op.operatorId()).append(": ").append(op.name())
                    .append(" (state/").append(op.operatorId()).append(")\n");
        }
        for (StreamStaticJoin join : streamStaticJoinList) {
            sb.append(join.describe()).append('\n');
        }
        return sb.toString();
    }
}
