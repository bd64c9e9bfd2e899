package dev.sluice.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;

/**
 * How far a source is behind, from the offsets of its progress: the sum over the numeric leaves of
 * {@code latestOffset - endOffset} (Kafka's {@code {"topic":{"0":42}}} gives records behind over all partitions;
 * a plain number, e.g. the memory or rate source, gives the difference). Unknown (null) when an offset is
 * missing or the two do not have the same numeric shape. Stateless; thread-safe.
 */
public final class OffsetLag {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OffsetLag() {
    }

    /** Offsets between {@code end} and {@code latest}, or null when not computable. */
    public static Long behind(String endJson, String latestJson) {
        if (endJson == null || latestJson == null) {
            return null;
        }
        try {
            return behind(JSON.readTree(endJson), JSON.readTree(latestJson));
        } catch (JsonProcessingException e) {
            return null; // an offset that is not JSON (a source's own format) has no known lag
        }
    }

    private static Long behind(JsonNode end, JsonNode latest) {
        if (end.isIntegralNumber() && latest.isIntegralNumber()) {
            return latest.asLong() - end.asLong();
        }
        if (!end.isObject() || !latest.isObject() || end.size() != latest.size()) {
            return null;
        }
        long sum = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = latest.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode other = end.get(e.getKey());
            Long part = other == null ? null : behind(other, e.getValue());
            if (part == null) {
                return null;
            }
            sum += part;
        }
        return sum;
    }
}
