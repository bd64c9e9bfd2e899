package dev.sluice.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entry of {@code offsets/<batchId>}: the end offset of every source (JSON, null when the source had
 * no data yet) plus the batch metadata needed to re-run the batch identically, as Spark's
 * {@code OffsetSeq}: watermark, batch timestamp and the session configs that must not change across
 * restarts. Payload: a metadata JSON line, then one line per source ({@code -} for none). Immutable.
 */
public record OffsetSeq(List<String> offsets, long batchWatermarkMs, long batchTimestampMs, Map<String, String> conf) {
    public OffsetSeq {
        offsets = Collections.unmodifiableList(new ArrayList<>(offsets));
        conf = Map.copyOf(conf);
    }

    /**
     * The log entry: compact JSON metadata (conf keys sorted) then one line per source. Written by hand
     * ({@link CheckpointJson}), not through a Jackson tree, so a new query's first batch does not load
     * Jackson; the text is the one the tree's {@code toString()} gave.
     */
    public String serialize() {
        StringBuilder sb = new StringBuilder(128).append("{\"batchWatermarkMs\":").append(batchWatermarkMs)
                .append(",\"batchTimestampMs\":").append(batchTimestampMs).append(",\"conf\":{");
        String separator = "";
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(conf).entrySet()) {
            CheckpointJson.appendString(sb.append(separator), e.getKey()).append(':');
            CheckpointJson.appendString(sb, e.getValue());
            separator = ",";
        }
        sb.append("}}");
        for (String o : offsets) {
            sb.append('\n').append(o == null ? "-" : o);
        }
        return sb.toString();
    }

    public static OffsetSeq parse(Path file, String text) {
        String[] lines = text.split("\n", -1);
        JsonNode meta = CheckpointJson.readTree(file, lines[0], "its metadata line is not JSON");
        Map<String, String> conf = new LinkedHashMap<>();
        meta.path("conf").fields().forEachRemaining(e -> conf.put(e.getKey(), e.getValue().asText()));
        List<String> offsets = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            offsets.add(lines[i].equals("-") ? null : lines[i]);
        }
        if (!meta.has("batchTimestampMs")) {
            throw new IllegalArgumentException("no batchTimestampMs in the metadata line");
        }
        return new OffsetSeq(offsets, meta.path("batchWatermarkMs").asLong(0), meta.get("batchTimestampMs").asLong(),
                conf);
    }
}
