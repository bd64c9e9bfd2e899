package dev.sluice.expr.scalar;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.batch.ArrayVector;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.MapVector;
import dev.sluice.batch.StructVector;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.BooleanType;
import dev.sluice.sql.types.ByteType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.IntegerType;
import dev.sluice.sql.types.LongType;
import dev.sluice.sql.types.ShortType;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code from_json} straight into the result's column vectors: the same Jackson tokens and the same decisions as
 * {@link JsonFunctions#parse} (PERMISSIVE/FAILFAST, kinds that do not fit, exact field names, the last of duplicated
 * fields, malformed records), but structs, arrays and the common scalars (string, int, bigint, double, float,
 * boolean) are appended to the struct's child vectors, the array's element vector and the primitive vectors as they
 * are read, instead of as boxed lists that the result vector then copies field by field. Other types (maps,
 * decimals, timestamps, dates, binary) are read by the general path and appended as one value. A record found
 * malformed half-way has what it appended cut off again ({@link #truncate}) before its malformed result is appended,
 * so the result is always the general path's, value for value (the property test compares them).
 *
 * <p>The schema is compiled once into a tree of {@link Node}s (field name lookups, kinds). Immutable; one
 * instance may read on several threads at once (each record has its own parser).
 */
final class JsonVectorReader {
    private static final byte STRUCT = 0;
    private static final byte ARRAY = 1;
    private static final byte STRING = 2;
    private static final byte INT = 3;
    private static final byte LONG = 4;
    private static final byte DOUBLE = 5;
    private static final byte FLOAT = 6;
    private static final byte BOOLEAN = 7;
    /** Read by the general path ({@link JsonFunctions#read}) and appended as one internal value. */
    private static final byte GENERIC = 8;

    private final DataType schema;
    private final Node root;
    private final FromJsonOptions options;
    /** The options' factory, looked up once rather than per record. */
    private final JsonFactory factory;
    private final JsonFunctions.Reading reading;

    JsonVectorReader(DataType schema, ZoneId zone, FromJsonOptions options) {
        this.schema = schema;
        this.root = new Node(schema);
        this.options = options;
        this.factory = options.factory();
        this.reading = new JsonFunctions.Reading(zone, options.failFast());
    }

    /** One schema node: its kind, and for structs the field lookup, for arrays the element node. */
    private static final class Node {
        final DataType type;
        final byte kind;
        final long limit;
        final Node[] children;
        final String[] names;
        /** Whether field i can be matched at all (see {@link #index}). */
        final boolean[] reachable;
        /** Exact field name → index, only for fields the general path can match (see {@link #field}). */
        final Map<String, Integer> index;

        Node(DataType type) {
            this.type = type;
            if (type instanceof StructType struct) {
                kind = STRUCT;
                children = new Node[struct.length()];
                names = new String[struct.length()];
                reachable = new boolean[struct.length()];
                index = new HashMap<>();
                for (int i = 0; i < struct.length(); i++) {
                    children[i] = new Node(struct.apply(i).dataType());
                    names[i] = struct.apply(i).name();
                    // the general path takes the first case-insensitive match and then wants the exact name
                    if (struct.indexOfIgnoreCase(names[i]) == i) {
                        reachable[i] = true;
                        index.put(names[i], i);
                    }
                }
            } else {
                names = null;
                reachable = null;
                index = null;
                if (type instanceof ArrayType array) {
                    kind = ARRAY;
                    children = new Node[] {new Node(array.elementType())};
                } else {
                    children = null;
                    kind = type instanceof StringType ? STRING
                            : type instanceof IntegerType || type instanceof ShortType || type instanceof ByteType ? INT
                            : type instanceof LongType ? LONG : type instanceof DoubleType ? DOUBLE
                            : type instanceof FloatType ? FLOAT : type instanceof BooleanType ? BOOLEAN : GENERIC;
                }
            }
            limit = type instanceof ByteType ? Byte.MAX_VALUE : type instanceof ShortType ? Short.MAX_VALUE
                    : Integer.MAX_VALUE;
        }

        /** The index of field {@code name}, trying {@code expected} (the one after the last) first; -1 if none. */
        int field(String name, int expected) {
            if (expected < names.length && reachable[expected] && names[expected].equals(name)) {
                return expected;
            }
            Integer i = index.get(name);
            return i == null ? -1 : i;
        }
    }

    /**
     * Appends the value of {@code json} read as the schema to {@code out} (a vector of the schema's type): what
     * {@link JsonFunctions#parse} returns for it, without boxing it first.
     *
     * @throws dev.sluice.sql.SluiceException FAILFAST's {@code MALFORMED_RECORD_IN_PARSING} for a malformed record
     */
    void read(String json, ColumnVector out) {
        int mark = out.size();
        try (JsonParser parser = factory.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null || !value(parser, root, out)) {
                malformed(out, mark, null);
            }
        } catch (JsonProcessingException e) {
            malformed(out, mark, e);
        } catch (JsonFunctions.FieldMismatch e) {
            malformed(out, mark, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Appends what {@link #read(String, ColumnVector) read}{@code (new String(utf8, UTF_8), out)} appends (what
     * {@code from_json(CAST(value AS STRING))} gives for a binary {@code value}), parsing the bytes with Jackson's
     * UTF-8 parser instead: no String, no char copy. Only when the string path would see the same characters and
     * the same encoding: well-formed UTF-8 ({@link #plainUtf8}; the cast replaces malformed sequences, so then the
     * cast's String is parsed) that Jackson cannot take for another encoding or a byte-order mark. A record that
     * does not parse cleanly on the bytes is cut off and read again from the String, so malformed records (their
     * result, FAILFAST's error and its cause) are exactly the string path's.
     */
    void readUtf8(byte[] utf8, ColumnVector out) {
        if (!plainUtf8(utf8)) {
            read(new String(utf8, java.nio.charset.StandardCharsets.UTF_8), out);
            return;
        }
        int mark = out.size();
        boolean clean;
        try (JsonParser parser = factory.createParser(utf8)) {
            clean = parser.nextToken() != null && value(parser, root, out);
        } catch (JsonProcessingException | JsonFunctions.FieldMismatch e) {
            clean = false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!clean) {
            truncate(out, mark);
            read(new String(utf8, java.nio.charset.StandardCharsets.UTF_8), out);
        }
    }

    /**
     * Whether {@code bytes} is well-formed UTF-8 as Java's decoder defines it (Unicode's table 3-7: no overlong
     * forms, no surrogates, nothing above U+10FFFF, no cut-off sequence), does not start with a UTF-8 byte-order mark
     * (Jackson's byte parser skips it; the String keeps U+FEFF) and has no zero byte among its first four (Jackson
     * detects UTF-16/32 from zero bytes there). Such bytes decode to exactly the String the cast makes.
     */
    static boolean plainUtf8(byte[] bytes) {
        int n = bytes.length;
        for (int i = 0; i < Math.min(n, 4); i++) {
            if (bytes[i] == 0) {
                return false;
            }
        }
        if (n >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
            return false;
        }
        int i = 0;
        while (i < n) {
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            b &= 0xFF;
            int need;
            int lo = 0x80;
            int hi = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                need = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                need = 2;
                lo = b == 0xE0 ? 0xA0 : 0x80;
                hi = b == 0xED ? 0x9F : 0xBF;
            } else if (b >= 0xF0 && b <= 0xF4) {
                need = 3;
                lo = b == 0xF0 ? 0x90 : 0x80;
                hi = b == 0xF4 ? 0x8F : 0xBF;
            } else {
                return false;
            }
            if (i + need >= n) { // cut off
                return false;
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < lo || second > hi) {
                return false;
            }
            for (int k = 2; k <= need; k++) {
                int c = bytes[i + k] & 0xFF;
                if (c < 0x80 || c > 0xBF) {
                    return false;
                }
            }
            i += need + 1;
        }
        return true;
    }

    private void malformed(ColumnVector out, int mark, Exception cause) {
        truncate(out, mark);
        if (options.failFast()) {
            throw FromJsonOptions.malformed(schema, cause);
        }
        out.appendObject(JsonFunctions.malformed(schema));
    }

    /**
     * Appends the value at the current token to {@code out}; false (nothing appended, its children skipped) when
     * its JSON kind does not fit the node, as the general path's {@code MISMATCH}.
     */
    private boolean value(JsonParser parser, Node node, ColumnVector out) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            out.appendNull();
            return true;
        }
        boolean integral = token == JsonToken.VALUE_NUMBER_INT;
        switch (node.kind) {
            case STRUCT -> {
                if (token != JsonToken.START_OBJECT) {
                    return mismatch(parser);
                }
                struct(parser, node, (StructVector) out);
                return true;
            }
            case ARRAY -> {
                if (token != JsonToken.START_ARRAY) {
                    return mismatch(parser);
                }
                ArrayVector array = (ArrayVector) out;
                ColumnVector elements = array.elements();
                Node element = node.children[0];
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (!value(parser, element, elements)) {
                        orNull(elements);
                    }
                }
                array.endRow();
                return true;
            }
            case STRING -> {
                out.appendString(token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY
                        ? JsonFunctions.rawText(parser) : parser.getText());
                return true;
            }
            case INT -> {
                if (!integral) {
                    return mismatch(parser);
                }
                long value = parser.getLongValue();
                if (value > node.limit || value < -node.limit - 1) {
                    return false;
                }
                out.appendInt((int) value);
                return true;
            }
            case LONG -> {
                if (!integral || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return mismatch(parser);
                }
                out.appendLong(parser.getLongValue());
                return true;
            }
            case DOUBLE, FLOAT -> {
                double value;
                if (integral || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    value = parser.getDoubleValue();
                } else {
                    Double text = token == JsonToken.VALUE_STRING ? JsonFunctions.nonNumeric(parser.getText()) : null;
                    if (text == null) {
                        return mismatch(parser);
                    }
                    value = text;
                }
                if (node.kind == FLOAT) {
                    out.appendFloat((float) value);
                } else {
                    out.appendDouble(value);
                }
                return true;
            }
            case BOOLEAN -> {
                if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
                    return mismatch(parser);
                }
                out.appendBoolean(token == JsonToken.VALUE_TRUE);
                return true;
            }
            default -> {
                Object value = JsonFunctions.read(parser, node.type, reading);
                if (value == JsonFunctions.MISMATCH) {
                    return false;
                }
                out.appendObject(value);
                return true;
            }
        }
    }

    /** A value of the wrong kind: its children are skipped, as the general path's {@code read} does. */
    private static boolean mismatch(JsonParser parser) throws IOException {
        parser.skipChildren();
        return false;
    }

    /** A value that did not fit inside a record: NULL in PERMISSIVE mode, the whole record malformed in FAILFAST. */
    private void orNull(ColumnVector out) {
        if (reading.failFast()) {
            throw JsonFunctions.FieldMismatch.INSTANCE;
        }
        out.appendNull();
    }

    /**
     * The object's fields into the children of {@code out}'s next row. The children are aligned with the struct's
     * rows, so a child already longer than the struct holds an earlier value of a duplicated name (cut off: the
     * last one wins, as in the general path) and a child not longer afterwards had no field (NULL).
     */
    private void struct(JsonParser parser, Node node, StructVector out) throws IOException {
        int row = out.size();
        int expected = 0;
        while (parser.nextToken() != JsonToken.END_OBJECT) {
            String name = parser.currentName();
            parser.nextToken();
            int index = node.field(name, expected);
            if (index < 0) {
                parser.skipChildren();
                continue;
            }
            expected = index + 1;
            ColumnVector child = out.child(index);
            if (child.size() > row) {
                truncate(child, row);
            }
            if (!value(parser, node.children[index], child)) {
                orNull(child);
            }
        }
        for (int i = 0; i < node.children.length; i++) {
            ColumnVector child = out.child(i);
            if (child.size() == row) {
                child.appendNull();
            }
        }
        out.appendRowFromChildren();
    }

    /**
     * Cuts {@code vector} (and what its rows hold in child vectors) back to its first {@code size} rows. The children
     * are cut even when the vector itself has that size: a struct or array row being read has appended to them.
     */
    static void truncate(ColumnVector vector, int size) {
        if (vector instanceof StructVector struct) {
            for (int i = 0; i < struct.childCount(); i++) {
                truncate(struct.child(i), size);
            }
        } else if (vector instanceof ArrayVector array) {
            truncate(array.elements(), array.offset(size));
        } else if (vector instanceof MapVector map) {
            truncate(map.keys(), map.offset(size));
            truncate(map.values(), map.offset(size));
        }
        vector.setSize(size);
    }
}
