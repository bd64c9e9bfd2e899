package dev.sluice.stream;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.LongVector;
import dev.sluice.batch.StructVector;
import dev.sluice.plan.logical.EventTimeWatermark;
import dev.sluice.sql.SluiceException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The event-time watermark of a streaming query, as Spark's {@code WatermarkTracker}. During a batch each
 * {@link EventTimeWatermark} node reports the event times of its rows ({@link #observe}); after the batch
 * {@link #advance} moves the watermark to {@code max(event time) - delay}, combined across nodes with
 * {@code spark.sql.streaming.multipleWatermarkPolicy} ({@code min}, the default, or {@code max}), and never
 * backwards. A node that has not seen a row yet counts as 0 (Spark's tracker does the same), so with the min
 * policy the watermark stays 0 until every node has seen data. The new value is recorded in the next batch's offset log
 * entry and becomes that batch's watermark for eviction; the previous batch's value is its watermark for
 * late events.
 *
 * <p>After a restart the watermark is {@link #restore restored} from the offset log; per-node maxima are
 * not persisted, so (as in Spark) the first batch after a restart keeps the recorded watermark. Used by the
 * query's execution thread, except {@link #observe}, which parallel pipelines call from worker threads (it is
 * synchronized; the workers of a batch finish before the execution thread reads the maxima).
 */
final class WatermarkTracker {
    static final String POLICY = "spark.sql.streaming.multipleWatermarkPolicy";

    private final List<EventTimeWatermark> nodes;
    private final boolean maxPolicy;
    private final Map<EventTimeWatermark, Long> maxEventTimeMs = new HashMap<>();
    private final Map<EventTimeWatermark, Long> nodeWatermarkMs = new HashMap<>();
    private long watermarkMs;
    // statistics of the current batch, for progress
    private long batchMin;
    private long batchMax;
    private double batchSum;
    private long batchCount;

    WatermarkTracker(List<EventTimeWatermark> nodes, String policy) {
        this.nodes = List.copyOf(nodes);
        String p = policy.toLowerCase(Locale.ROOT);
        if (!p.equals("min") && !p.equals("max")) {
            throw new SluiceException("INVALID_CONF_VALUE", "Invalid value '" + policy + "' for " + POLICY
                    + ": must be min or max", "22022", null);
        }
        this.maxPolicy = p.equals("max");
        startBatch();
    }

    /** Whether the query defines a watermark at all. */
    boolean enabled() {
        return !nodes.isEmpty();
    }

    /** The current watermark (epoch ms; 0 before any). */
    long watermarkMs() {
        return watermarkMs;
    }

    /** Sets the watermark recorded in the offset log (on restart). */
    void restore(long recordedMs) {
        watermarkMs = Math.max(watermarkMs, recordedMs);
    }

    void startBatch() {
        batchMin = Long.MAX_VALUE;
        batchMax = Long.MIN_VALUE;
        batchSum = 0;
        batchCount = 0;
    }

    /** Records the event times (the column, or the {@code end} of a window struct) of rows passing {@code node}. */
    synchronized void observe(EventTimeWatermark node, List<Chunk> chunks, int column) {
        long max = maxEventTimeMs.getOrDefault(node, Long.MIN_VALUE);
        for (Chunk c : chunks) {
            ColumnVector v = c.column(column);
            if (v instanceof StructVector s) {
                v = s.child(1);
            }
            long[] micros = ((LongVector) v).values();
            for (int i = 0; i < c.rowCount(); i++) {
                if (v.isNull(i)) {
                    continue;
                }
                long ms = Math.floorDiv(micros[i], 1000);
                max = Math.max(max, ms);
                batchMin = Math.min(batchMin, ms);
                batchMax = Math.max(batchMax, ms);
                batchSum += ms;
                batchCount++;
            }
        }
        if (max != Long.MIN_VALUE) {
            maxEventTimeMs.put(node, max);
        }
    }

    /** After a batch: moves the watermark from the maxima seen so far; returns whether it moved. */
    boolean advance() {
        for (EventTimeWatermark node : nodes) {
            Long max = maxEventTimeMs.get(node);
            if (max != null) {
                long candidate = max - node.delayMs();
                Long previous = nodeWatermarkMs.get(node);
                if (previous == null || candidate > previous) {
                    nodeWatermarkMs.put(node, candidate);
                }
            } else {
                // As Spark: a node that has not seen a row yet counts as 0, so under the min policy the global
                // watermark waits until every watermark node has seen data.
                nodeWatermarkMs.putIfAbsent(node, 0L);
            }
        }
        if (nodeWatermarkMs.isEmpty()) {
            return false;
        }
        long chosen = maxPolicy ? nodeWatermarkMs.values().stream().mapToLong(Long::longValue).max().getAsLong()
                : nodeWatermarkMs.values().stream().mapToLong(Long::longValue).min().getAsLong();
        if (chosen > watermarkMs) {
            watermarkMs = chosen;
            return true;
        }
        return false;
    }

    /** Progress {@code eventTime}: avg/max/min of this batch's event times (when any) and the watermark. */
    Map<String, String> progress(long batchWatermarkMs) {
        Map<String, String> out = new HashMap<>();
        if (!enabled()) {
            return out;
        }
        if (batchCount > 0) {
            out.put("min", ProgressTracker.format(batchMin));
            out.put("max", ProgressTracker.format(batchMax));
            out.put("avg", ProgressTracker.format((long) (batchSum / batchCount)));
        }
        out.put("watermark", ProgressTracker.format(batchWatermarkMs));
        return out;
    }
}
