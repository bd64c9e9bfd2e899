package dev.sluice.sql.streaming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
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

    /*
     * set and add do the ObjectNode-to-JsonNode widening here rather than in the progress classes: there
     * the verifier would load Jackson's node classes (opening its jars) when the class is loaded, at the
     * end of a query's first batch, though JSON is only built when json() is called.
     */
    static void set(ObjectNode parent, String field, ObjectNode child) {
        parent.set(field, child);
    }

    static void add(ArrayNode array, ObjectNode element) {
        array.add(element);
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
    /** Spark's {@code observedMetrics}: each row as {@code Row.jsonValue} (an object of its fields); omitted when empty. */
    static void putRowMap(ObjectNode node, String field, Map<String, dev.sluice.sql.Row> rows) {
        if (!rows.isEmpty()) {
            ObjectNode out = node.putObject(field);
            rows.forEach((name, row) -> out.set(name, rowJson(row)));
        }
    }

    private static ObjectNode rowJson(dev.sluice.sql.Row row) {
        ObjectNode out = object();
        for (int i = 0; i < row.size(); i++) {
            String field = row.schema().apply(i).name();
            Object v = row.get(i);
            if (v == null) {
                out.putNull(field);
            } else if (v instanceof Long l) {
                out.put(field, l);
            } else if (v instanceof Integer n) {
                out.put(field, n);
            } else if (v instanceof Double d) {
                out.put(field, d);
            } else if (v instanceof Float f) {
                out.put(field, f);
            } else if (v instanceof java.math.BigDecimal d) {
                out.put(field, d);
            } else if (v instanceof Boolean b) {
                out.put(field, b);
            } else if (v instanceof dev.sluice.sql.Row nested && nested.schema() != null) {
                out.set(field, rowJson(nested));
            } else {
                out.put(field, v.toString());
            }
        }
        return out;
    }

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

    /*
     * compact and pretty take ObjectNode, the type every caller holds: passing it where a JsonNode is
     * declared makes the verifier load Jackson's node classes (opening two jars) as soon as a class with
     * such a call is loaded, e.g. StreamingQueryStatus when a query starts, though no JSON is ever written.
     */
    static String compact(ObjectNode node) {
        return node.toString();
    }

    static String pretty(ObjectNode node) {
        try {
            return PRETTY.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
