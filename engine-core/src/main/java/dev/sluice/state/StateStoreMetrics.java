package dev.sluice.state;

import java.util.Map;

/**
 * Metrics of a state store, reported per stateful operator in streaming progress
 * ({@code numRowsTotal}, {@code memoryUsedBytes}, {@code commitTimeMs}, {@code customMetrics}).
 */
public record StateStoreMetrics(long numKeys, long memoryUsedBytes, long diskBytes, long commitTimeMs,
                                Map<String, Long> customMetrics) {
    public StateStoreMetrics {
        customMetrics = Map.copyOf(customMetrics);
    }
}
