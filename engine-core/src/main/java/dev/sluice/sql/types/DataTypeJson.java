package dev.sluice.sql.types;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Spark's JSON form of a data type ({@code DataType.json()}, {@code prettyJson()}, {@code DataType.fromJson}): an
 * atomic type is its type name as a string ({@code "integer"}, {@code "decimal(10,2)"}); a struct is
 * {@code {"type":"struct","fields":[{"name","type","nullable","metadata"}]}}; arrays and maps name their element
 * types and nullability. Apart from {@link DataType} so that Jackson loads only when JSON is asked for. Stateless.
 */
final class DataTypeJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DataTypeJson() {
    }

    static String compact(DataType type) {
        return toNode(type).toString();
    }

    /** Indented as Spark's {@code prettyJson}: two spaces, {@code "key" : value}, arrays as {@code [ {...}, {...} ]}. */
    static String pretty(DataType type) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return MAPPER.writer(printer).writeValueAsString(toNode(type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static DataType parse(String json) {
        try {
            return fromNode(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot parse data type JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode toNode(DataType type) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (type instanceof StructType s) {
            ObjectNode node = f.objectNode();
            node.put("type", "struct");
            var fields = node.putArray("fields");
            for (StructField field : s) {
                ObjectNode fn = fields.addObject();
                fn.put("name", field.name());
                fn.set("type", toNode(field.dataType()));
                fn.put("nullable", field.nullable());
                fn.set("metadata", MetadataJson.toNode(field.metadata()));
            }
            return node;
        }
        if (type instanceof ArrayType a) {
            ObjectNode node = f.objectNode();
            node.put("type", "array");
            node.set("elementType", toNode(a.elementType()));
            node.put("containsNull", a.containsNull());
            return node;
        }
        if (type instanceof MapType m) {
            ObjectNode node = f.objectNode();
            node.put("type", "map");
            node.set("keyType", toNode(m.keyType()));
            node.set("valueType", toNode(m.valueType()));
            node.put("valueContainsNull", m.valueContainsNull());
            return node;
        }
        return f.textNode(type.typeName());
    }

    private static DataType fromNode(JsonNode node) {
        if (node.isTextual()) {
            String name = node.asText();
            return switch (name) {
                case "integer" -> DataTypes.IntegerType;
                case "long" -> DataTypes.LongType;
                case "short" -> DataTypes.ShortType;
                case "byte" -> DataTypes.ByteType;
                case "void" -> DataTypes.NullType;
                case "interval" -> DataTypes.CalendarIntervalType;
                default -> DataType.fromDDL(name);
            };
        }
        String kind = node.path("type").asText("");
        switch (kind) {
            case "struct" -> {
                List<StructField> fields = new ArrayList<>();
                for (JsonNode fn : node.path("fields")) {
                    JsonNode metadata = fn.get("metadata");
                    fields.add(new StructField(fn.path("name").asText(), fromNode(fn.path("type")),
                            fn.path("nullable").asBoolean(true),
                            metadata == null ? Metadata.empty() : MetadataJson.fromNode(metadata)));
                }
                return new StructType(fields);
            }
            case "array" -> {
                return new ArrayType(fromNode(node.path("elementType")), node.path("containsNull").asBoolean(true));
            }
            case "map" -> {
                return new MapType(fromNode(node.path("keyType")), fromNode(node.path("valueType")),
                        node.path("valueContainsNull").asBoolean(true));
            }
            default -> throw new IllegalArgumentException("Cannot parse data type JSON: " + node);
        }
    }
}
