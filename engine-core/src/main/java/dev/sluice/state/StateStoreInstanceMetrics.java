package dev.sluice.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Spark 4.1's state store instance metrics: per-partition figures named {@code <prefix>.partition_<id>_<store>}
 * (such as {@code SnapshotLastUploaded.partition_3_default}) that a provider reports in its custom metrics and
 * that progress shows only in part: per prefix the {@link #REPORT_LIMIT} smallest values (Spark's
 * {@code spark.sql.streaming.stateStore.numStateStoreInstanceMetricsToReport}, default 5), ties broken by
 * partition id. Stateless.
 */
public final class StateStoreInstanceMetrics {
    /** Spark's default number of instance metrics reported per prefix. */
    public static final int REPORT_LIMIT = 5;
    private static final String SNAPSHOT_LAST_UPLOADED = "SnapshotLastUploaded";
    private static final String PARTITION = ".partition_";

    private StateStoreInstanceMetrics() {
    }

    /** The name of partition {@code partitionId}'s last uploaded snapshot version in the default store. */
    public static String snapshotLastUploaded(int partitionId) {
        return SNAPSHOT_LAST_UPLOADED + PARTITION + partitionId + "_default";
    }

    /** {@code metrics} with each instance metric prefix cut to its {@link #REPORT_LIMIT} smallest values. */
    public static Map<String, Long> reportable(Map<String, Long> metrics) {
        Map<String, Long> out = new TreeMap<>();
        Map<String, List<Map.Entry<String, Long>>> byPrefix = new TreeMap<>();
        metrics.forEach((name, value) -> {
            int at = name.indexOf(PARTITION);
            if (at < 0) {
                out.put(name, value);
            } else {
                byPrefix.computeIfAbsent(name.substring(0, at), p -> new ArrayList<>()).add(Map.entry(name, value));
            }
        });
        Comparator<Map.Entry<String, Long>> order = Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                .thenComparingInt(e -> partitionOf(e.getKey()));
        byPrefix.values().forEach(entries -> entries.stream().sorted(order).limit(REPORT_LIMIT)
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    private static int partitionOf(String name) {
        int start = name.indexOf(PARTITION) + PARTITION.length();
        int end = name.indexOf('_', start);
        try {
            return Integer.parseInt(name.substring(start, end < 0 ? name.length() : end));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
