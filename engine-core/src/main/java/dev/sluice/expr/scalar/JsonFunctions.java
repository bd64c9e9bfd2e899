package dev.sluice.expr.scalar;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.expr.Expression;
import dev.sluice.expr.FunctionContext;
import dev.sluice.expr.FunctionRegistry;
import dev.sluice.expr.Literal;
import dev.sluice.expr.TemporalParsing;
import dev.sluice.expr.ValueRendering;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.BinaryType;
import dev.sluice.sql.types.BooleanType;
import dev.sluice.sql.types.ByteType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DateType;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.IntegerType;
import dev.sluice.sql.types.LongType;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.ShortType;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.StructType;
import dev.sluice.sql.types.TimestampType;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code from_json} and {@code to_json} with Jackson's streaming parser and generator, following Spark's
 * defaults. {@code from_json} is PERMISSIVE: malformed JSON gives a struct whose fields are all NULL (NULL
 * for array and map schemas), a value of the wrong kind makes only its field NULL, unknown fields are
 * ignored, numbers fill int/long/double/decimal fields and strings timestamp and date fields (parsed as
 * {@code CAST} does, in the session time zone). {@code to_json} omits NULL struct fields, prints doubles as
 * Java's {@code Double.toString}, timestamps as {@code yyyy-MM-dd'T'HH:mm:ss.SSSXXX} in the session time
 * zone and dates as {@code yyyy-MM-dd}. Stateless; the shared Jackson factory is thread-safe.
 */
final class JsonFunctions {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final DateTimeFormatter TIMESTAMP_FORMAT = DateTimePatterns.formatter("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    /** Marks a value whose JSON kind does not fit the schema (the field becomes NULL). */
    private static final Object MISMATCH = new Object();

    private JsonFunctions() {
    }

    static void register(FunctionRegistry registry) {
        registry.register("from_json", JsonFunctions::fromJson);
        registry.register("to_json", JsonFunctions::toJson);
    }

    private static Expression fromJson(List<Expression> arguments, FunctionContext context) {
        FunctionRegistry.checkArity("from_json", arguments, 2, 3);
        Expression json = Arguments.string("from_json", arguments, 0, context);
        DataType schema = schemaOf(arguments);
        ZoneId zone = context.sessionTimeZone();
        return new RowFunction("from_json", List.of(json), schema, true, values -> parse((String) values[0], schema, zone));
    }

    private static DataType schemaOf(List<Expression> arguments) {
        Expression argument = arguments.get(1);
        if (argument instanceof Literal literal && literal.value() instanceof DataType type) {
            return type;
        }
        Object value = Arguments.constant("from_json", arguments, 1);
        if (value instanceof DataType type) {
            return type;
        }
        if (!(value instanceof String text)) {
            throw new AnalysisException("INVALID_SCHEMA.NON_STRING_LITERAL", "The input schema \""
                    + argument.sql() + "\" is not a valid schema string. The input expression must be string literal"
                    + " and not null.", "42K07");
        }
        try {
            return DataType.fromDDL(text);
        } catch (RuntimeException notAType) {
            try {
                return StructType.fromDDL(text);
            } catch (RuntimeException e) {
                throw new AnalysisException("INVALID_SCHEMA.PARSE_ERROR", "The input schema \"" + text
                        + "\" is not a valid schema string. Cannot parse the schema: " + e.getMessage() + ".", "42K07");
            }
        }
    }

    private static Expression toJson(List<Expression> arguments, FunctionContext context) {
        FunctionRegistry.checkArity("to_json", arguments, 1, 2);
        DataType type = arguments.get(0).dataType();
        if (!(type instanceof StructType || type instanceof ArrayType || type instanceof MapType)) {
            throw Arguments.unexpected("to_json", arguments, 0, "(\"STRUCT\" or \"ARRAY\" or \"MAP\")");
        }
        ZoneId zone = context.sessionTimeZone();
        return new RowFunction("to_json", List.of(arguments.get(0)), DataTypes.StringType, true,
                values -> write(values[0], type, zone));
    }

    // ---------------------------------------------------------------- reading

    /** The internal value of {@code json} read as {@code schema}, PERMISSIVE (see class doc). */
    static Object parse(String json, DataType schema, ZoneId zone) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            Object value = first == null ? MISMATCH : read(parser, schema, zone);
            return value == MISMATCH ? malformed(schema) : value;
        } catch (JsonProcessingException e) {
            return malformed(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object malformed(DataType schema) {
        if (schema instanceof StructType struct) {
            return Collections.unmodifiableList(Arrays.asList(new Object[struct.length()]));
        }
        return null;
    }

    /** Reads the value at the current token; {@link #MISMATCH} (with its children skipped) if it does not fit. */
    private static Object read(JsonParser parser, DataType type, ZoneId zone) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        Object value = readNonNull(parser, token, type, zone);
        if (value == MISMATCH) {
            parser.skipChildren();
        }
        return value;
    }

    private static Object readNonNull(JsonParser parser, JsonToken token, DataType type, ZoneId zone) throws IOException {
        if (type instanceof StructType struct) {
            return token == JsonToken.START_OBJECT ? readStruct(parser, struct, zone) : MISMATCH;
        }
        if (type instanceof ArrayType array) {
            if (token != JsonToken.START_ARRAY) {
                return MISMATCH;
            }
            List<Object> elements = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                Object element = read(parser, array.elementType(), zone);
                elements.add(element == MISMATCH ? null : element);
            }
            return Collections.unmodifiableList(elements);
        }
        if (type instanceof MapType map) {
            if (token != JsonToken.START_OBJECT || !(map.keyType() instanceof StringType)) {
                return MISMATCH;
            }
            Map<Object, Object> entries = new LinkedHashMap<>();
            while (parser.nextToken() != JsonToken.END_OBJECT) {
                String key = parser.currentName();
                parser.nextToken();
                Object value = read(parser, map.valueType(), zone);
                entries.put(key, value == MISMATCH ? null : value);
            }
            return Collections.unmodifiableMap(entries);
        }
        return readScalar(parser, token, type, zone);
    }

    private static Object readStruct(JsonParser parser, StructType struct, ZoneId zone) throws IOException {
        Object[] fields = new Object[struct.length()];
        while (parser.nextToken() != JsonToken.END_OBJECT) {
            String name = parser.currentName();
            parser.nextToken();
            int index = struct.indexOfIgnoreCase(name);
            if (index < 0 || !struct.apply(index).name().equals(name)) {
                // Field names match exactly, as Spark's JSON reader.
                parser.skipChildren();
                continue;
            }
            Object value = read(parser, struct.apply(index).dataType(), zone);
            fields[index] = value == MISMATCH ? null : value;
        }
        return Collections.unmodifiableList(Arrays.asList(fields));
    }

    private static Object readScalar(JsonParser parser, JsonToken token, DataType type, ZoneId zone) throws IOException {
        boolean integral = token == JsonToken.VALUE_NUMBER_INT;
        boolean number = integral || token == JsonToken.VALUE_NUMBER_FLOAT;
        if (type instanceof StringType) {
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                StringWriter raw = new StringWriter();
                try (JsonGenerator generator = FACTORY.createGenerator(raw)) {
                    generator.copyCurrentStructure(parser);
                }
                return raw.toString();
            }
            return parser.getText();
        }
        if (type instanceof IntegerType || type instanceof ShortType || type instanceof ByteType) {
            if (!integral) {
                return MISMATCH;
            }
            long value = parser.getLongValue();
            long limit = type instanceof ByteType ? Byte.MAX_VALUE : type instanceof ShortType ? Short.MAX_VALUE
                    : Integer.MAX_VALUE;
            return value > limit || value < -limit - 1 ? MISMATCH : (Object) (int) value;
        }
        if (type instanceof LongType) {
            return integral && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER ? (Object) parser.getLongValue()
                    : MISMATCH;
        }
        if (type instanceof DoubleType || type instanceof FloatType) {
            Double value = number ? parser.getDoubleValue() : token == JsonToken.VALUE_STRING
                    ? nonNumeric(parser.getText()) : null;
            if (value == null) {
                return MISMATCH;
            }
            return type instanceof FloatType ? (Object) value.floatValue() : value;
        }
        if (type instanceof DecimalType decimal) {
            if (!number) {
                return MISMATCH;
            }
            BigDecimal value = parser.getDecimalValue().setScale(decimal.scale(), RoundingMode.HALF_UP);
            return value.precision() - value.scale() > decimal.precision() - decimal.scale() && value.signum() != 0
                    ? MISMATCH : value;
        }
        if (type instanceof BooleanType) {
            return token == JsonToken.VALUE_TRUE ? Boolean.TRUE : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : MISMATCH;
        }
        if (type instanceof TimestampType) {
            if (integral) {
                return parser.getLongValue() * 1_000_000L;
            }
            Long micros = token == JsonToken.VALUE_STRING ? TemporalParsing.parseTimestamp(parser.getText(), zone) : null;
            return micros == null ? MISMATCH : micros;
        }
        if (type instanceof DateType) {
            Integer days = token == JsonToken.VALUE_STRING ? TemporalParsing.parseDate(parser.getText()) : null;
            return days == null ? MISMATCH : days;
        }
        if (type instanceof BinaryType && token == JsonToken.VALUE_STRING) {
            return parser.getBinaryValue();
        }
        return MISMATCH;
    }

    private static Double nonNumeric(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "Infinity", "+Infinity", "+INF", "INF" -> Double.POSITIVE_INFINITY;
            case "-Infinity", "-INF" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }

    // ---------------------------------------------------------------- writing

    /** The JSON text of a struct, array or map value. */
    static String write(Object value, DataType type, ZoneId zone) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, value, type, zone);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator generator, Object value, DataType type, ZoneId zone) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (type instanceof StructType struct) {
            generator.writeStartObject();
            List<?> fields = (List<?>) value;
            for (int i = 0; i < struct.length(); i++) {
                if (fields.get(i) != null) {
                    generator.writeFieldName(struct.apply(i).name());
                    write(generator, fields.get(i), struct.apply(i).dataType(), zone);
                }
            }
            generator.writeEndObject();
        } else if (type instanceof ArrayType array) {
            generator.writeStartArray();
            for (Object element : (List<?>) value) {
                write(generator, element, array.elementType(), zone);
            }
            generator.writeEndArray();
        } else if (type instanceof MapType map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                generator.writeFieldName(ValueRendering.render(entry.getKey(), map.keyType(), zone));
                write(generator, entry.getValue(), map.valueType(), zone);
            }
            generator.writeEndObject();
        } else {
            writeScalar(generator, value, type, zone);
        }
    }

    private static void writeScalar(JsonGenerator generator, Object value, DataType type, ZoneId zone) throws IOException {
        if (type instanceof IntegerType || type instanceof ShortType || type instanceof ByteType) {
            generator.writeNumber((Integer) value);
        } else if (type instanceof LongType) {
            generator.writeNumber((Long) value);
        } else if (type instanceof DoubleType) {
            generator.writeNumber((Double) value);
        } else if (type instanceof FloatType) {
            generator.writeNumber((Float) value);
        } else if (type instanceof DecimalType) {
            generator.writeNumber((BigDecimal) value);
        } else if (type instanceof BooleanType) {
            generator.writeBoolean((Boolean) value);
        } else if (type instanceof TimestampType) {
            generator.writeString(DateTimePatterns.format((Long) value, TIMESTAMP_FORMAT, zone));
        } else if (type instanceof DateType) {
            generator.writeString(ValueRendering.formatDate((Integer) value));
        } else if (type instanceof BinaryType) {
            generator.writeString(Base64.getEncoder().encodeToString((byte[]) value));
        } else {
            generator.writeString(ValueRendering.render(value, type, zone));
        }
    }
}
