package dev.sluice.expr.scalar;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.batch.ArrayVector;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.MapVector;
import dev.sluice.batch.StringVector;
import dev.sluice.batch.StructVector;
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
    /** Writes one root value after another with nothing between them: to_json takes each row's text apart. */
    private static final JsonFactory WRITER_FACTORY = new JsonFactory().setRootValueSeparator(null);
    private static final DateTimeFormatter TIMESTAMP_FORMAT = DateTimePatterns.formatter("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    /** Marks a value whose JSON kind does not fit the schema (the field becomes NULL). */
    static final Object MISMATCH = new Object();

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
        FromJsonOptions options = arguments.size() == 3 ? FromJsonOptions.of(arguments.get(2))
                : FromJsonOptions.DEFAULTS;
        return new FromJsonFunction(json, schema, new JsonVectorReader(schema, zone, options));
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
        return new VectorFunction("to_json", List.of(arguments.get(0)), DataTypes.StringType,
                true, (values, rows) -> write(values[0], rows, type, zone));
    }

    // ---------------------------------------------------------------- reading

    /**
     * The internal value of {@code json} read as {@code schema} under {@code options}: malformed JSON (including a
     * value beyond the options' stream-read limits, which Jackson reports as a {@link JsonProcessingException},
     * as in Spark) is NULL fields in PERMISSIVE mode and {@code MALFORMED_RECORD_IN_PARSING} in FAILFAST mode.
     */
    static Object parse(String json, DataType schema, ZoneId zone, FromJsonOptions options) {
        try (JsonParser parser = options.factory().createParser(json)) {
            JsonToken first = parser.nextToken();
            Object value = first == null ? MISMATCH : read(parser, schema, new Reading(zone, options.failFast()));
            return value == MISMATCH ? malformed(schema, options, null) : value;
        } catch (JsonProcessingException e) {
            return malformed(schema, options, e);
        } catch (FieldMismatch e) {
            return malformed(schema, options, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The session time zone of one from_json call and its mode: a value of the wrong JSON kind inside the record
     * becomes NULL (PERMISSIVE: Spark's partial result) or fails the whole record (FAILFAST, as Spark's).
     */
    record Reading(ZoneId zone, boolean failFast) {
        Object orNull(Object value) {
            if (value != MISMATCH) {
                return value;
            }
            if (failFast) {
                throw FieldMismatch.INSTANCE;
            }
            return null;
        }
    }

    /** A field of the wrong kind in FAILFAST mode; preallocated, no stack trace: caught by {@link #parse}. */
    static final class FieldMismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final FieldMismatch INSTANCE = new FieldMismatch();

        private FieldMismatch() {
            super(null, null, false, false);
        }
    }

    private static Object malformed(DataType schema, FromJsonOptions options, Exception cause) {
        if (options.failFast()) {
            throw FromJsonOptions.malformed(schema, cause);
        }
        return malformed(schema);
    }

    static Object malformed(DataType schema) {
        if (schema instanceof StructType struct) {
            return Collections.unmodifiableList(Arrays.asList(new Object[struct.length()]));
        }
        return null;
    }

    /** Reads the value at the current token; {@link #MISMATCH} (with its children skipped) if it does not fit. */
    static Object read(JsonParser parser, DataType type, Reading reading) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        Object value = readNonNull(parser, token, type, reading);
        if (value == MISMATCH) {
            parser.skipChildren();
        }
        return value;
    }

    private static Object readNonNull(JsonParser parser, JsonToken token, DataType type, Reading reading) throws IOException {
        if (type instanceof StructType struct) {
            return token == JsonToken.START_OBJECT ? readStruct(parser, struct, reading) : MISMATCH;
        }
        if (type instanceof ArrayType array) {
            if (token != JsonToken.START_ARRAY) {
                return MISMATCH;
            }
            List<Object> elements = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                Object element = read(parser, array.elementType(), reading);
                elements.add(reading.orNull(element));
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
                Object value = read(parser, map.valueType(), reading);
                entries.put(key, reading.orNull(value));
            }
            return Collections.unmodifiableMap(entries);
        }
        return readScalar(parser, token, type, reading);
    }

    private static Object readStruct(JsonParser parser, StructType struct, Reading reading) throws IOException {
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
            Object value = read(parser, struct.apply(index).dataType(), reading);
            fields[index] = reading.orNull(value);
        }
        return Collections.unmodifiableList(Arrays.asList(fields));
    }

    private static Object readScalar(JsonParser parser, JsonToken token, DataType type, Reading reading) throws IOException {
        boolean integral = token == JsonToken.VALUE_NUMBER_INT;
        boolean number = integral || token == JsonToken.VALUE_NUMBER_FLOAT;
        if (type instanceof StringType) {
            return token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY ? rawText(parser)
                    : parser.getText();
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
            // boxed on both branches: a primitive branch would unbox nonNumeric's null (NullPointerException)
            Double value = number ? Double.valueOf(parser.getDoubleValue()) : token == JsonToken.VALUE_STRING
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
            Long micros = token == JsonToken.VALUE_STRING
                    ? TemporalParsing.parseTimestamp(parser.getText(), reading.zone()) : null;
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

    /** The text of the object or array at the current token, as a string field holds it. */
    static String rawText(JsonParser parser) throws IOException {
        StringWriter raw = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(raw)) {
            generator.copyCurrentStructure(parser);
        }
        return raw.toString();
    }

    static Double nonNumeric(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "Infinity", "+Infinity", "+INF", "INF" -> Double.POSITIVE_INFINITY;
            case "-Infinity", "-INF" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }

    // ---------------------------------------------------------------- writing

    /**
     * The JSON text of every row of {@code values} (structs, arrays or maps), read straight from the vectors: one
     * generator per chunk writes row after row into one reused buffer (no boxed rows, no per-row writer).
     */
    static ColumnVector write(ColumnVector values, int rows, DataType type, ZoneId zone) {
        StringVector out = new StringVector(rows);
        RowText text = new RowText();
        try (JsonGenerator generator = WRITER_FACTORY.createGenerator(text)) {
            for (int row = 0; row < rows; row++) {
                if (values.isNull(row)) {
                    out.appendNull();
                    continue;
                }
                write(generator, values, row, type, zone);
                generator.flush();
                out.appendString(text.take());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The characters written since the last {@link #take}: one row's JSON text. */
    private static final class RowText extends java.io.Writer {
        private final StringBuilder text = new StringBuilder(256);

        @Override
        public void write(char[] chars, int offset, int length) {
            text.append(chars, offset, length);
        }

        @Override
        public void write(String string, int offset, int length) {
            text.append(string, offset, offset + length);
        }

        String take() {
            String row = text.toString();
            text.setLength(0);
            return row;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private static void write(JsonGenerator generator, ColumnVector vector, int row, DataType type, ZoneId zone)
            throws IOException {
        if (vector.isNull(row)) {
            generator.writeNull();
        } else if (type instanceof StructType struct) {
            StructVector fields = (StructVector) vector;
            generator.writeStartObject();
            for (int i = 0; i < struct.length(); i++) {
                ColumnVector field = fields.child(i);
                if (!field.isNull(row)) {
                    generator.writeFieldName(struct.apply(i).name());
                    write(generator, field, row, struct.apply(i).dataType(), zone);
                }
            }
            generator.writeEndObject();
        } else if (type instanceof ArrayType array) {
            ArrayVector arrays = (ArrayVector) vector;
            ColumnVector elements = arrays.elements();
            int from = arrays.offset(row);
            int to = from + arrays.length(row);
            generator.writeStartArray();
            for (int e = from; e < to; e++) {
                write(generator, elements, e, array.elementType(), zone);
            }
            generator.writeEndArray();
        } else if (type instanceof MapType map) {
            MapVector maps = (MapVector) vector;
            ColumnVector keys = maps.keys();
            ColumnVector values = maps.values();
            int from = maps.offset(row);
            int to = from + maps.length(row);
            generator.writeStartObject();
            for (int e = from; e < to; e++) {
                generator.writeFieldName(ValueRendering.render(keys.getObject(e), map.keyType(), zone));
                write(generator, values, e, map.valueType(), zone);
            }
            generator.writeEndObject();
        } else {
            writeScalar(generator, vector, row, type, zone);
        }
    }

    private static void writeScalar(JsonGenerator generator, ColumnVector vector, int row, DataType type, ZoneId zone)
            throws IOException {
        if (type instanceof IntegerType || type instanceof ShortType || type instanceof ByteType) {
            generator.writeNumber(vector.getInt(row));
        } else if (type instanceof LongType) {
            generator.writeNumber(vector.getLong(row));
        } else if (type instanceof DoubleType) {
            generator.writeNumber(vector.getDouble(row));
        } else if (type instanceof FloatType) {
            generator.writeNumber(vector.getFloat(row));
        } else if (type instanceof DecimalType) {
            generator.writeNumber(vector.getDecimal(row));
        } else if (type instanceof BooleanType) {
            generator.writeBoolean(vector.getBoolean(row));
        } else if (type instanceof TimestampType) {
            generator.writeString(DateTimePatterns.format(vector.getLong(row), TIMESTAMP_FORMAT, zone));
        } else if (type instanceof DateType) {
            generator.writeString(ValueRendering.formatDate(vector.getInt(row)));
        } else if (type instanceof BinaryType) {
            generator.writeString(Base64.getEncoder().encodeToString(vector.getBinary(row)));
        } else if (type instanceof StringType) {
            generator.writeString(vector.getString(row));
        } else {
            generator.writeString(ValueRendering.render(vector.getObject(row), type, zone));
        }
    }
}
