package dev.sluice.sql.streaming;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state kept by one stateful operator after one micro-batch, as Spark's {@code StateOperatorProgress}
 * (e.g. {@code stateStoreSave} for a streaming aggregation, {@code dedupe} for dropDuplicates). Immutable.
 */
public final class StateOperatorProgress extends ProgressDocument {
    private final String operatorName;
    private final long numRowsTotal;
    private final long numRowsUpdated;
    private final long allUpdatesTimeMs;
    private final long numRowsRemoved;
    private final long allRemovalsTimeMs;
    private final long commitTimeMs;
    private final long memoryUsedBytes;
    private final long numRowsDroppedByWatermark;
    private final long numShufflePartitions;
    private final long numStateStoreInstances;
    private final Map<String, Long> customMetrics;

    public StateOperatorProgress(String operatorName, long numRowsTotal, long numRowsUpdated, long allUpdatesTimeMs,
                                 long numRowsRemoved, long allRemovalsTimeMs, long commitTimeMs, long memoryUsedBytes,
                                 long numRowsDroppedByWatermark, long numShufflePartitions,
                                 long numStateStoreInstances, Map<String, Long> customMetrics) {
        this.operatorName = operatorName;
        this.numRowsTotal = numRowsTotal;
        this.numRowsUpdated = numRowsUpdated;
        this.allUpdatesTimeMs = allUpdatesTimeMs;
        this.numRowsRemoved = numRowsRemoved;
        this.allRemovalsTimeMs = allRemovalsTimeMs;
        this.commitTimeMs = commitTimeMs;
        this.memoryUsedBytes = memoryUsedBytes;
        this.numRowsDroppedByWatermark = numRowsDroppedByWatermark;
        this.numShufflePartitions = numShufflePartitions;
        this.numStateStoreInstances = numStateStoreInstances;
        this.customMetrics = Map.copyOf(customMetrics);
    }

    public String operatorName() {
        return operatorName;
    }

    public long numRowsTotal() {
        return numRowsTotal;
    }

    public long numRowsUpdated() {
        return numRowsUpdated;
    }

    public long allUpdatesTimeMs() {
        return allUpdatesTimeMs;
    }

    public long numRowsRemoved() {
        return numRowsRemoved;
    }

    public long allRemovalsTimeMs() {
        return allRemovalsTimeMs;
    }

    public long commitTimeMs() {
        return commitTimeMs;
    }

    public long memoryUsedBytes() {
        return memoryUsedBytes;
    }

    public long numRowsDroppedByWatermark() {
        return numRowsDroppedByWatermark;
    }

    public long numShufflePartitions() {
        return numShufflePartitions;
    }

    public long numStateStoreInstances() {
        return numStateStoreInstances;
    }

    public Map<String, Long> customMetrics() {
        return customMetrics;
    }

    @Override
    ObjectNode jsonValue() {
        ObjectNode node = ProgressJson.object();
        node.put("operatorName", operatorName);
        node.put("numRowsTotal", numRowsTotal);
        node.put("numRowsUpdated", numRowsUpdated);
        node.put("allUpdatesTimeMs", allUpdatesTimeMs);
        node.put("numRowsRemoved", numRowsRemoved);
        node.put("allRemovalsTimeMs", allRemovalsTimeMs);
        node.put("commitTimeMs", commitTimeMs);
        node.put("memoryUsedBytes", memoryUsedBytes);
        node.put("numRowsDroppedByWatermark", numRowsDroppedByWatermark);
        node.put("numShufflePartitions", numShufflePartitions);
        node.put("numStateStoreInstances", numStateStoreInstances);
        ProgressJson.putLongMap(node, "customMetrics", new TreeMap<>(customMetrics));
        return node;
    }
}
