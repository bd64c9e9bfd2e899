package dev.sluice.sql.streaming;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one source contributed to one micro-batch, as Spark's {@code SourceProgress}: the offset range read
 * ({@code startOffset} exclusive, {@code endOffset} inclusive, as JSON text; {@code startOffset} is null for
 * the first batch), the latest offset the source reported, and row counts and rates. Immutable.
 */
public final class SourceProgress extends ProgressDocument {
    private final String description;
    private final String startOffset;
    private final String endOffset;
    private final String latestOffset;
    private final long numInputRows;
    private final double inputRowsPerSecond;
    private final double processedRowsPerSecond;
    private final Map<String, String> metrics;

    public SourceProgress(String description, String startOffset, String endOffset, String latestOffset,
                          long numInputRows, double inputRowsPerSecond, double processedRowsPerSecond,
                          Map<String, String> metrics) {
        this.description = description;
        this.startOffset = startOffset;
        this.endOffset = endOffset;
        this.latestOffset = latestOffset;
        this.numInputRows = numInputRows;
        this.inputRowsPerSecond = inputRowsPerSecond;
        this.processedRowsPerSecond = processedRowsPerSecond;
        this.metrics = Map.copyOf(metrics);
    }

    public String description() {
        return description;
    }

    /** The offset after which this batch starts (JSON), or null for the first batch. */
    public String startOffset() {
        return startOffset;
    }

    /** The last offset included in this batch (JSON). */
    public String endOffset() {
        return endOffset;
    }

    /** The latest offset the source had when the batch was planned (JSON). */
    public String latestOffset() {
        return latestOffset;
    }

    public long numInputRows() {
        return numInputRows;
    }

    public double inputRowsPerSecond() {
        return inputRowsPerSecond;
    }

    public double processedRowsPerSecond() {
        return processedRowsPerSecond;
    }

    public Map<String, String> metrics() {
        return metrics;
    }

    @Override
    ObjectNode jsonValue() {
        ObjectNode node = ProgressJson.object();
        node.put("description", description);
        node.set("startOffset", ProgressJson.offset(startOffset));
        node.set("endOffset", ProgressJson.offset(endOffset));
        node.set("latestOffset", ProgressJson.offset(latestOffset));
        node.put("numInputRows", numInputRows);
        ProgressJson.putDouble(node, "inputRowsPerSecond", inputRowsPerSecond);
        ProgressJson.putDouble(node, "processedRowsPerSecond", processedRowsPerSecond);
        ProgressJson.putStringMap(node, "metrics", new TreeMap<>(metrics));
        return node;
    }
}
