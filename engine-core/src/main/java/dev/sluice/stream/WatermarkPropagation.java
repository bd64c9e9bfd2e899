package dev.sluice.stream;

import dev.sluice.exec.physical.PhysicalPlan;
import dev.sluice.sql.AnalysisException;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Each stateful operator's own watermark, derived from the query's global watermark by propagating it through
 * the incremental physical plan, as Spark 4.1 does when {@code spark.sql.streaming.statefulOperator.allowMultiple}
 * is true (its default; Spark's {@code PropagateWatermarkSimulator}):
 * <ul>
 *   <li>a {@code withWatermark} node outputs the global watermark; a leaf outputs none;</li>
 *   <li>any other node's input watermark is the minimum of its children's output watermarks (those that have
 *       one); a plain node outputs its input watermark;</li>
 *   <li>a stateful operator's input watermark is that minimum, and it outputs
 *       {@link StatefulOperator#outputWatermark} of it: the same value for most operators, the minimum of the
 *       two state watermarks and the input for a stream-stream join (an interval join's output lags by its
 *       interval), none for {@code flatMapGroupsWithState} and processing-time {@code transformWithState};</li>
 *   <li>an operator without an input watermark, and every operator while the global watermark is still 0 (no
 *       event seen yet), gets 0.</li>
 * </ul>
 * A {@code withWatermark} node above a node that already has an output watermark (a second
 * {@code withWatermark} on the same stream, or one after a stateful operator) fails the query with Spark's
 * {@code _LEGACY_ERROR_TEMP_3076} ("Redefining watermark is disallowed") as soon as the global watermark is
 * above 0, in the batch Spark fails it. With {@code spark.sql.streaming.statefulOperator.allowMultiple=false}
 * every operator uses the global watermark instead (Spark's {@code UseSingleWatermarkPropagator}) and
 * redefinitions are allowed.
 *
 * <p>A batch's late-events watermark of an operator is its propagated watermark of the previous batch's global
 * watermark, its eviction watermark the one of this batch's; no-data batches are decided with the eviction
 * watermark the next batch would have. Progress keeps reporting the global watermark.
 *
 * <p>The plan never changes within a run; the last two propagations are cached. Not thread-safe: used by the
 * query's execution thread only.
 */
final class WatermarkPropagation {
    /** Spark's switch between per-operator watermarks (true, the default) and one global watermark. */
    static final String ALLOW_MULTIPLE = "spark.sql.streaming.statefulOperator.allowMultiple";

    private final PhysicalPlan root;
    private final boolean perOperator;
    /** The last two propagations (a batch asks for its late-events and eviction globals, alternately). */
    private final Map<Long, Map<StatefulOperator, Long>> recent = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Map<StatefulOperator, Long>> eldest) {
            return size() > 2;
        }
    };

    WatermarkPropagation(PhysicalPlan root, boolean perOperator) {
        this.root = root;
        this.perOperator = perOperator;
    }

    /** The input watermark (epoch ms) of {@code operator} when the global watermark is {@code globalMs}. */
    long inputWatermarkMs(StatefulOperator operator, long globalMs) {
        if (globalMs == 0 || !perOperator) {
            return globalMs;
        }
        Long ms = propagate(globalMs).get(operator);
        return ms == null ? 0 : Math.max(ms, 0);
    }

    /**
     * Checks a batch's plan as Spark does while planning every batch (nothing with one global watermark): no
     * stateful operator may see more than one event-time column ({@code _LEGACY_ERROR_TEMP_3077}, from the first
     * batch), and {@code globalMs} is propagated through the whole plan, stateful operators or not, which is where
     * a redefined watermark fails (from the first batch whose global watermark is above 0).
     */
    void check(long globalMs, List<StatefulOperator> operators) {
        if (!perOperator) {
            return;
        }
        for (StatefulOperator op : operators) {
            String columns = op.multipleEventTimeColumns();
            if (columns != null) {
                throw new AnalysisException("_LEGACY_ERROR_TEMP_3077", "More than one event time columns are"
                        + " available. Please ensure there is at most one event time column per stream. event time"
                        + " columns: " + columns, null);
            }
        }
        if (globalMs != 0) {
            propagate(globalMs);
        }
    }

    private Map<StatefulOperator, Long> propagate(long globalMs) {
        return recent.computeIfAbsent(globalMs, g -> {
            Map<StatefulOperator, Long> inputs = new IdentityHashMap<>();
            outputOf(root, g, new IdentityHashMap<>(), inputs);
            return inputs;
        });
    }

    /**
     * The late-events and eviction watermarks of {@code operator} for a batch whose previous batch ran with
     * global watermark {@code lateGlobalMs} and which itself runs with {@code evictionGlobalMs}.
     */
    StatefulOperator.Watermarks watermarks(StatefulOperator operator, long lateGlobalMs, long evictionGlobalMs) {
        return new StatefulOperator.Watermarks(inputWatermarkMs(operator, lateGlobalMs),
                inputWatermarkMs(operator, evictionGlobalMs));
    }

    /** The output watermark of {@code node} (empty: none), recording each stateful operator's input watermark. */
    private OptionalLong outputOf(PhysicalPlan node, long globalMs, Map<PhysicalPlan, OptionalLong> done,
                                  Map<StatefulOperator, Long> inputs) {
        OptionalLong known = done.get(node);
        if (known != null) {
            return known; // a node the plan reaches twice (self-join, self-union) has one watermark
        }
        OptionalLong input = OptionalLong.empty();
        for (PhysicalPlan child : node.children()) {
            OptionalLong c = outputOf(child, globalMs, done, inputs);
            if (c.isPresent() && (input.isEmpty() || c.getAsLong() < input.getAsLong())) {
                input = c;
            }
        }
        OptionalLong out;
        if (node instanceof EventTimeWatermarkExec) {
            if (input.isPresent()) {
                throw new AnalysisException("_LEGACY_ERROR_TEMP_3076", "Redefining watermark is disallowed. You can set"
                        + " the config '" + ALLOW_MULTIPLE + "' to 'false' to restore the previous behavior. Note that"
                        + " multiple stateful operators will be disallowed.", null);
            }
            out = OptionalLong.of(globalMs);
        } else if (node instanceof StatefulOperatorExec s) {
            if (input.isPresent()) {
                inputs.put(s.operator(), input.getAsLong());
                out = s.operator().outputWatermark(input.getAsLong());
            } else {
                out = OptionalLong.empty();
            }
        } else {
            out = input;
        }
        done.put(node, out);
        return out;
    }
}
