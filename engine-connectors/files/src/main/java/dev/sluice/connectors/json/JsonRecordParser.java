package dev.sluice.connectors.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.batch.ArrayVector;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.MapVector;
import dev.sluice.batch.StructVector;
import dev.sluice.connectors.file.TemporalFormats;
import dev.sluice.connectors.file.TextValueParser;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.BinaryType;
import dev.sluice.sql.types.BooleanType;
import dev.sluice.sql.types.ByteType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DateType;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.IntegerType;
import dev.sluice.sql.types.LongType;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.NullType;
import dev.sluice.sql.types.ShortType;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.StructType;
import dev.sluice.sql.types.TimestampType;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads JSON values from a Jackson streaming parser straight into column vectors, without building a tree.
 * Built once per schema: each field gets a reader for its type, and objects look fields up by exact name
 * (Jackson canonicalizes names, so lookups allocate nothing). Spark's conversions apply: integers fill
 * int/long/decimal/double fields, any number fills double fields (and {@code "NaN"}/{@code "Infinity"}
 * strings), strings fill date and timestamp fields (with {@link TemporalFormats}) and integers timestamp
 * fields (as seconds), base64 strings fill binary fields, any scalar or raw nested JSON text fills string
 * fields. A value that does not fit becomes null and marks the record bad ({@link #badField()}); unknown
 * fields are skipped; of a duplicated key the first value is kept. Not thread-safe.
 */
final class JsonRecordParser {
    /** Reads the non-null value at the current token; on mismatch appends null, skips it and returns false. */
    @FunctionalInterface
    private interface ValueReader {
        boolean read(JsonParser parser, JsonToken token, ColumnVector out) throws IOException;
    }

    private final JsonFactory factory;
    private final TemporalFormats temporal;
    private final ObjectReader root;
    private boolean badField;

    JsonRecordParser(StructType schema, JsonFactory factory, TemporalFormats temporal) {
        this.factory = factory;
        this.temporal = temporal;
        this.root = new ObjectReader(schema);
    }

    /** Whether a field of the last record did not fit its type. */
    boolean badField() {
        return badField;
    }

    /**
     * Reads the object whose START_OBJECT is the current token into {@code targets} (one vector per
     * schema field, each receiving exactly one value).
     */
    void readRecord(JsonParser parser, ColumnVector[] targets) throws IOException {
        badField = false;
        root.readFields(parser, targets);
    }

    private void read(ValueReader reader, JsonParser parser, JsonToken token, ColumnVector out) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            out.appendNull();
        } else if (!reader.read(parser, token, out)) {
            badField = true;
        }
    }

    private static boolean mismatch(JsonParser parser, ColumnVector out) throws IOException {
        parser.skipChildren();
        out.appendNull();
        return false;
    }

    /** The fields of one struct type. */
    private final class ObjectReader {
        private final Map<String, Integer> index = new HashMap<>();
        private final ValueReader[] readers;
        private final int[] seen;
        private int generation;
        private StructVector cachedStruct;
        private ColumnVector[] cachedChildren;

        ObjectReader(StructType struct) {
            readers = new ValueReader[struct.length()];
            seen = new int[struct.length()];
            for (int i = 0; i < readers.length; i++) {
                index.putIfAbsent(struct.apply(i).name(), i);
                readers[i] = readerFor(struct.apply(i).dataType());
            }
        }

        void readFields(JsonParser parser, ColumnVector[] targets) throws IOException {
            int current = ++generation;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                Integer field = index.get(parser.currentName());
                token = parser.nextToken();
                if (field == null || seen[field] == current) {
                    parser.skipChildren();
                    continue;
                }
                seen[field] = current;
                read(readers[field], parser, token, targets[field]);
            }
            if (token != JsonToken.END_OBJECT) {
                throw new com.fasterxml.jackson.core.JsonParseException(parser, "Unexpected end of object");
            }
            for (int i = 0; i < readers.length; i++) {
                if (seen[i] != current) {
                    targets[i].appendNull();
                }
            }
        }

        boolean readStruct(JsonParser parser, JsonToken token, ColumnVector out) throws IOException {
            if (token != JsonToken.START_OBJECT) {
                return mismatch(parser, out);
            }
            StructVector struct = (StructVector) out;
            if (struct != cachedStruct) {
                cachedStruct = struct;
                cachedChildren = new ColumnVector[struct.childCount()];
                for (int i = 0; i < cachedChildren.length; i++) {
                    cachedChildren[i] = struct.child(i);
                }
            }
            readFields(parser, cachedChildren);
            struct.appendRowFromChildren();
            return true;
        }
    }

    private ValueReader readerFor(DataType type) {
        if (type instanceof StructType struct) {
            return new ObjectReader(struct)::readStruct;
        }
        if (type instanceof ArrayType array) {
            ValueReader element = readerFor(array.elementType());
            return (parser, token, out) -> {
                if (token != JsonToken.START_ARRAY) {
                    return mismatch(parser, out);
                }
                ArrayVector vector = (ArrayVector) out;
                ColumnVector elements = vector.elements();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    read(element, parser, t, elements);
                }
                vector.endRow();
                return true;
            };
        }
        if (type instanceof MapType map) {
            if (!(map.keyType() instanceof StringType)) {
                throw TextValueParser.unsupported("JSON", type);
            }
            ValueReader value = readerFor(map.valueType());
            return (parser, token, out) -> {
                if (token != JsonToken.START_OBJECT) {
                    return mismatch(parser, out);
                }
                MapVector vector = (MapVector) out;
                for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
                    vector.keys().appendString(parser.currentName());
                    read(value, parser, parser.nextToken(), vector.values());
                }
                vector.endRow();
                return true;
            };
        }
        return scalarReader(type);
    }

    private ValueReader scalarReader(DataType type) {
        if (type instanceof StringType) {
            return this::readString;
        }
        if (type instanceof IntegerType || type instanceof ShortType || type instanceof ByteType) {
            long max = type instanceof ByteType ? Byte.MAX_VALUE : type instanceof ShortType ? Short.MAX_VALUE : Integer.MAX_VALUE;
            return (parser, token, out) -> {
                if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return mismatch(parser, out);
                }
                long value = parser.getLongValue();
                if (value > max || value < -max - 1) {
                    return mismatch(parser, out);
                }
                out.appendInt((int) value);
                return true;
            };
        }
        if (type instanceof LongType) {
            return (parser, token, out) -> {
                if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return mismatch(parser, out);
                }
                out.appendLong(parser.getLongValue());
                return true;
            };
        }
        if (type instanceof DoubleType || type instanceof FloatType) {
            boolean isFloat = type instanceof FloatType;
            return (parser, token, out) -> {
                double value;
                if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    value = parser.getDoubleValue();
                } else if (token == JsonToken.VALUE_STRING && TextValueParser.nonNumeric(parser.getText()) != 0) {
                    value = TextValueParser.nonNumeric(parser.getText());
                } else {
                    return mismatch(parser, out);
                }
                if (isFloat) {
                    out.appendFloat((float) value);
                } else {
                    out.appendDouble(value);
                }
                return true;
            };
        }
        if (type instanceof DecimalType decimal) {
            return (parser, token, out) -> {
                if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                    return mismatch(parser, out);
                }
                BigDecimal value = parser.getDecimalValue().setScale(decimal.scale(), RoundingMode.HALF_UP);
                if (value.precision() > decimal.precision()) {
                    return mismatch(parser, out);
                }
                out.appendObject(value);
                return true;
            };
        }
        if (type instanceof BooleanType) {
            return (parser, token, out) -> {
                if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
                    return mismatch(parser, out);
                }
                out.appendBoolean(token == JsonToken.VALUE_TRUE);
                return true;
            };
        }
        if (type instanceof TimestampType) {
            return (parser, token, out) -> {
                long micros = TemporalFormats.INVALID_TIMESTAMP;
                if (token == JsonToken.VALUE_STRING) {
                    micros = temporal.parseTimestamp(parser.getTextCharacters(), parser.getTextOffset(),
                            parser.getTextLength());
                } else if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    micros = parser.getLongValue() * 1_000_000L;
                }
                if (micros == TemporalFormats.INVALID_TIMESTAMP) {
                    return mismatch(parser, out);
                }
                out.appendLong(micros);
                return true;
            };
        }
        if (type instanceof dev.sluice.sql.types.TimestampNTZType) {
            return (parser, token, out) -> {
                long micros = token == JsonToken.VALUE_STRING ? temporal.parseTimestampNtz(parser.getText())
                        : TemporalFormats.INVALID_TIMESTAMP;
                if (micros == TemporalFormats.INVALID_TIMESTAMP) {
                    return mismatch(parser, out);
                }
                out.appendLong(micros);
                return true;
            };
        }
        if (type instanceof DateType) {
            return (parser, token, out) -> {
                int days = token == JsonToken.VALUE_STRING ? temporal.parseDate(parser.getText()) : TemporalFormats.INVALID_DATE;
                if (days == TemporalFormats.INVALID_DATE) {
                    return mismatch(parser, out);
                }
                out.appendInt(days);
                return true;
            };
        }
        if (type instanceof BinaryType) {
            return (parser, token, out) -> {
                if (token != JsonToken.VALUE_STRING) {
                    return mismatch(parser, out);
                }
                out.appendObject(parser.getBinaryValue());
                return true;
            };
        }
        if (type instanceof NullType) {
            return JsonRecordParser::alwaysNull;
        }
        throw TextValueParser.unsupported("JSON", type);
    }

    private static boolean alwaysNull(JsonParser parser, JsonToken token, ColumnVector out) throws IOException {
        parser.skipChildren();
        out.appendNull();
        return true;
    }

    private boolean readString(JsonParser parser, JsonToken token, ColumnVector out) throws IOException {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            StringWriter raw = new StringWriter();
            try (JsonGenerator generator = factory.createGenerator(raw)) {
                generator.copyCurrentStructure(parser);
            }
            out.appendString(raw.toString());
        } else {
            out.appendString(parser.getText());
        }
        return true;
    }
}
