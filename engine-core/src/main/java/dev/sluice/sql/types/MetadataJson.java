package dev.sluice.sql.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * The JSON form of {@link Metadata}, apart so that a schema without metadata never loads Jackson (a query's cold
 * start stays free of it). Stateless.
 */
final class MetadataJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MetadataJson() {
    }

    static Metadata parse(String json) {
        try {
            return fromNode(MAPPER.readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot parse metadata JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String render(Metadata m) {
        return toNode(m).toString();
    }

    static Metadata fromNode(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("Metadata JSON must be an object, got: " + node);
        }
        MetadataBuilder b = new MetadataBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            b.put(e.getKey(), fromValue(e.getValue()));
        }
        return b.build();
    }

    private static Object fromValue(JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isObject()) {
            return fromNode(v);
        }
        int n = v.size();
        if (n == 0 || v.get(0).isIntegralNumber()) {
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                out[i] = v.get(i).longValue();
            }
            return out;
        }
        JsonNode first = v.get(0);
        if (first.isNumber()) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = v.get(i).doubleValue();
            }
            return out;
        }
        if (first.isBoolean()) {
            boolean[] out = new boolean[n];
            for (int i = 0; i < n; i++) {
                out[i] = v.get(i).booleanValue();
            }
            return out;
        }
        if (first.isTextual()) {
            String[] out = new String[n];
            for (int i = 0; i < n; i++) {
                out[i] = v.get(i).textValue();
            }
            return out;
        }
        if (first.isObject()) {
            Metadata[] out = new Metadata[n];
            for (int i = 0; i < n; i++) {
                out[i] = fromNode(v.get(i));
            }
            return out;
        }
        throw new IllegalArgumentException("Unsupported metadata array value: " + v);
    }

    static ObjectNode toNode(Metadata m) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        m.map().forEach((k, v) -> node.set(k, toValue(v)));
        return node;
    }

    private static JsonNode toValue(Object v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v == null) {
            return f.nullNode();
        }
        if (v instanceof Long l) {
            return f.numberNode(l);
        }
        if (v instanceof Double d) {
            return f.numberNode(d);
        }
        if (v instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (v instanceof String s) {
            return f.textNode(s);
        }
        if (v instanceof Metadata m) {
            return toNode(m);
        }
        ArrayNode a = f.arrayNode();
        if (v instanceof long[] xs) {
            Arrays.stream(xs).forEach(a::add);
        } else if (v instanceof double[] xs) {
            Arrays.stream(xs).forEach(a::add);
        } else if (v instanceof boolean[] xs) {
            for (boolean x : xs) {
                a.add(x);
            }
        } else if (v instanceof String[] xs) {
            Arrays.stream(xs).forEach(a::add);
        } else {
            for (Metadata m : (Metadata[]) v) {
                a.add(toNode(m));
            }
        }
        return a;
    }
}
