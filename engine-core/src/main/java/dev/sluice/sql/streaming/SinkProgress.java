package dev.sluice.sql.streaming;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the sink received in one micro-batch, as Spark's {@code SinkProgress}. {@code numOutputRows} is -1
 * when the sink cannot tell (Spark's convention). Immutable.
 */
public final class SinkProgress extends ProgressDocument {
    private final String description;
    private final long numOutputRows;
    private final Map<String, String> metrics;

    public SinkProgress(String description, long numOutputRows, Map<String, String> metrics) {
        this.description = description;
        this.numOutputRows = numOutputRows;
        this.metrics = Map.copyOf(metrics);
    }

    public String description() {
        return description;
    }

    public long numOutputRows() {
        return numOutputRows;
    }

    public Map<String, String> metrics() {
        return metrics;
    }

    @Override
    ObjectNode jsonValue() {
        ObjectNode node = ProgressJson.object();
        node.put("description", description);
        node.put("numOutputRows", numOutputRows);
        ProgressJson.putStringMap(node, "metrics", new TreeMap<>(metrics));
        return node;
    }
}
