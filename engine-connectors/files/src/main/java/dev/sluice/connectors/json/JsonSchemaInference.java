package dev.sluice.connectors.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.connectors.file.FormatOptions;
import dev.sluice.connectors.file.InferredTypes;
import dev.sluice.connectors.file.LineReader;
import dev.sluice.connectors.file.MalformedRecordException;
import dev.sluice.connectors.file.ParseMode;
import dev.sluice.connectors.file.RecordSampler;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.NullType;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Spark's JSON schema inference, streaming (no tree): integers are {@code bigint} (a decimal when too big
 * for a long), other numbers {@code double}, strings {@code string}, booleans {@code boolean}, objects
 * structs with their fields sorted by name, arrays of the merged element type; records are merged with
 * {@link InferredTypes#merge}, and fields seen only as null become strings (or are dropped with
 * {@code dropFieldIfAllNull}, as are empty arrays; structs left without fields are always dropped, as Spark).
 * With {@code samplingRatio} below 1 only a sample of the lines (documents with {@code multiLine}) is used. A malformed record adds the
 * corrupt-record column in PERMISSIVE mode, is skipped in DROPMALFORMED and fails in FAILFAST. Options
 * {@code primitivesAsString} (numbers and booleans as strings) and {@code prefersDecimal} (non-integral
 * numbers as decimals when they fit) as in Spark. Not thread-safe (one instance per inference).
 */
final class JsonSchemaInference {
    private final JsonFactory factory;
    private final ParseMode mode;
    private final String corruptColumn;
    private final String lineSeparator;
    private final boolean primitivesAsString;
    private final boolean prefersDecimal;
    private final boolean dropFieldIfAllNull;
    private final RecordSampler sampler;
    private final Map<String, DataType> fields = new TreeMap<>();
    private boolean sawRecord;
    private boolean sawMalformed;

    JsonSchemaInference(JsonFactory factory, FormatOptions options) {
        this.factory = factory;
        this.mode = options.parseMode();
        this.corruptColumn = options.corruptRecordColumn();
        this.lineSeparator = options.get("lineSep");
        this.primitivesAsString = options.getBoolean("primitivesAsString", false);
        this.prefersDecimal = options.getBoolean("prefersDecimal", false);
        this.dropFieldIfAllNull = options.getBoolean("dropFieldIfAllNull", false);
        this.sampler = RecordSampler.of(options);
    }

    /** Adds the records of one input, JSON Lines or (with {@code multiLine}) one document. */
    void add(Reader input, boolean multiLine, String source) throws IOException {
        if (multiLine) {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[8192];
            for (int n = input.read(buffer); n >= 0; n = input.read(buffer)) {
                text.append(buffer, 0, n);
            }
            if (!text.toString().isBlank() && sampler.take()) {
                try (JsonParser parser = factory.createParser(text.toString())) {
                    addValue(parser, text, 1, source);
                }
            }
            return;
        }
        try (LineReader lines = new LineReader(input, lineSeparator)) {
            while (lines.next()) {
                if (!lines.isBlank() && sampler.take()) {
                    try (JsonParser parser = factory.createParser(lines.buffer(), lines.start(), lines.length())) {
                        addValue(parser, CharBuffer.wrap(lines.buffer(), lines.start(), lines.length()), lines.lineNumber(), source);
                    }
                }
            }
        }
    }

    private void addValue(JsonParser parser, CharSequence raw, long line, String source) throws IOException {
        try {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_OBJECT) {
                addRecord(infer(parser, token));
            } else if (token == JsonToken.START_ARRAY) {
                for (token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                    if (token != JsonToken.START_OBJECT) {
                        malformed(raw, line, source, null);
                        parser.skipChildren();
                        continue;
                    }
                    addRecord(infer(parser, token));
                }
            } else {
                malformed(raw, line, source, null);
            }
        } catch (JsonProcessingException e) {
            malformed(raw, line, source, e);
        }
    }

    private void addRecord(DataType record) {
        sawRecord = true;
        for (var field : (StructType) record) {
            fields.merge(field.name(), field.dataType(), InferredTypes::merge);
        }
    }

    private void malformed(CharSequence raw, long line, String source, Throwable cause) {
        if (mode == ParseMode.FAILFAST) {
            throw new MalformedRecordException(source, line, raw, cause);
        }
        if (mode == ParseMode.PERMISSIVE) {
            sawMalformed = true;
        }
    }

    /** The inferred schema, or null when no record (nor malformed record) was seen. */
    StructType schema() {
        if (!sawRecord && !sawMalformed) {
            return null;
        }
        Map<String, DataType> out = new TreeMap<>();
        fields.forEach((name, type) -> {
            DataType canonical = canonicalize(type);
            if (canonical != null) {
                out.put(name, canonical);
            }
        });
        if (sawMalformed) {
            out.putIfAbsent(corruptColumn, DataTypes.StringType);
        }
        return InferredTypes.sortedStruct(out);
    }

    /**
     * Spark's {@code canonicalizeType}: null-only types become strings, or are dropped with
     * {@code dropFieldIfAllNull}; structs left without fields are dropped (null means "drop").
     */
    private DataType canonicalize(DataType type) {
        if (type instanceof NullType) {
            return dropFieldIfAllNull ? null : DataTypes.StringType;
        }
        if (type instanceof ArrayType array) {
            DataType element = canonicalize(array.elementType());
            return element == null ? null : new ArrayType(element, true);
        }
        if (type instanceof StructType struct) {
            List<StructField> kept = new ArrayList<>();
            for (StructField f : struct) {
                DataType field = f.name().isEmpty() ? null : canonicalize(f.dataType());
                if (field != null) {
                    kept.add(new StructField(f.name(), field, true));
                }
            }
            return kept.isEmpty() ? null : new StructType(kept);
        }
        return InferredTypes.canonicalize(type);
    }

    private DataType infer(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                Map<String, DataType> object = new TreeMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    object.merge(name, infer(parser, parser.nextToken()), InferredTypes::merge);
                }
                return InferredTypes.sortedStruct(object);
            }
            case START_ARRAY: {
                DataType element = DataTypes.NullType;
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    element = InferredTypes.merge(element, infer(parser, t));
                }
                return new ArrayType(element, true);
            }
            case VALUE_NUMBER_INT: {
                if (primitivesAsString) {
                    return DataTypes.StringType;
                }
                if (parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    return DataTypes.LongType;
                }
                BigDecimal value = parser.getDecimalValue();
                return value.precision() <= DecimalType.MAX_PRECISION ? new DecimalType(value.precision(), 0)
                        : DataTypes.DoubleType;
            }
            case VALUE_NUMBER_FLOAT: {
                if (primitivesAsString) {
                    return DataTypes.StringType;
                }
                if (prefersDecimal) {
                    BigDecimal value = parser.getDecimalValue();
                    int precision = Math.max(value.precision(), value.scale());
                    if (precision <= DecimalType.MAX_PRECISION && value.scale() >= 0) {
                        return new DecimalType(precision, value.scale());
                    }
                }
                return DataTypes.DoubleType;
            }
            case VALUE_TRUE:
            case VALUE_FALSE:
                return primitivesAsString ? DataTypes.StringType : DataTypes.BooleanType;
            case VALUE_NULL:
                return DataTypes.NullType;
            default:
                return DataTypes.StringType;
        }
    }
}
