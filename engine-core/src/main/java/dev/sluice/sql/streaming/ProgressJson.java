package dev.sluice.sql.streaming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** JSON helpers shared by the progress classes; follows Spark's rules for NaN and empty maps. */
final class ProgressJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ProgressJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Spark omits NaN and infinite rates from the JSON. */
    static void putDouble(ObjectNode node, String field, double value) {
        if (!Double.isNaN(value) && !Double.isInfinite(value)) {
            node.put(field, value);
        }
    }

    /** Spark omits empty maps from the JSON. */
    static void putLongMap(ObjectNode node, String field, Map<String, Long> map) {
        if (!map.isEmpty()) {
            ObjectNode o = node.putObject(field);
            map.forEach(o::put);
        }
    }

    static void putStringMap(ObjectNode node, String field, Map<String, String> map) {
        if (!map.isEmpty()) {
            ObjectNode o = node.putObject(field);
            map.forEach(o::put);
        }
    }

    /** An offset as JSON: parsed when it is JSON text, a string otherwise, null when absent. */
    static JsonNode offset(String json) {
        if (json == null) {
            return MAPPER.nullNode();
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return MAPPER.getNodeFactory().textNode(json);
        }
    }

    static String compact(JsonNode node) {
        return node.toString();
    }

    static String pretty(JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
