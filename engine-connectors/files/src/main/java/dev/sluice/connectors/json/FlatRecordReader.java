package dev.sluice.connectors.json;

import dev.sluice.batch.ColumnVector;
import dev.sluice.connectors.file.TemporalFormats;
import dev.sluice.sql.types.BooleanType;
import dev.sluice.sql.types.ByteType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.IntegerType;
import dev.sluice.sql.types.LongType;
import dev.sluice.sql.types.ShortType;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.StructType;
import dev.sluice.sql.types.TimestampType;

/**
 * The fast path of JSON Lines reading: a line holding one flat object of plain values
 * ({@code {"ts":"2026-11-26T00:00:00Z","key":7,"value":42}}) is read straight from the line reader's chars,
 * without Jackson, without copying the line and without allocating anything but the strings of string
 * columns. It takes strict JSON only: names and strings without escapes or control characters, integers
 * without leading zeros and of at most 18 digits, {@code true}, {@code false}, {@code null}. A value must also
 * convert cleanly to its column (an integer for an integral column within its range, a timestamp string that
 * parses, a boolean for a boolean column, a string for a string column; {@code null} for any column).
 *
 * <p>Anything else (nested values, floats, escapes, a mismatch, malformed text, a blank line) makes
 * {@link #read} return false having appended nothing, and the caller reads the line with the general
 * {@link JsonRecordParser}. Every line this reader accepts is strict JSON that the general parser reads to the
 * same values with no bad field, whatever Jackson features the options enable, so the result of a file never
 * depends on which path read a line. Not thread-safe.
 */
final class FlatRecordReader {
    private static final byte OTHER = 0;
    private static final byte STRING = 1;
    private static final byte TIMESTAMP = 2;
    private static final byte LONG = 3;
    private static final byte INT = 4;
    private static final byte BOOLEAN = 5;

    /** What a field of the current line held. */
    private static final byte SEEN_NULL = 1;
    private static final byte SEEN_VALUE = 2;

    /** Strings and names longer than this go to Jackson, which enforces its own length limits. */
    private static final int MAX_STRING = 10_000;

    private final char[][] names;
    private final byte[] kinds;
    private final long[] maxValues;
    private final TemporalFormats temporal;
    private final byte[] seen;
    private final long[] values;
    private final int[] starts;
    private final int[] lengths;
    /** Scan position and value kind of the token just read; fields rather than results keep the scan allocation-free. */
    private int position;
    private int tokenStart;
    private int tokenLength;
    private long tokenValue;

    FlatRecordReader(StructType schema, TemporalFormats temporal) {
        int n = schema.length();
        this.names = new char[n][];
        this.kinds = new byte[n];
        this.maxValues = new long[n];
        this.temporal = temporal;
        this.seen = new byte[n];
        this.values = new long[n];
        this.starts = new int[n];
        this.lengths = new int[n];
        for (int i = 0; i < n; i++) {
            names[i] = schema.apply(i).name().toCharArray();
            DataType type = schema.apply(i).dataType();
            kinds[i] = type instanceof StringType ? STRING : type instanceof TimestampType ? TIMESTAMP
                    : type instanceof LongType ? LONG : type instanceof BooleanType ? BOOLEAN
                    : type instanceof IntegerType || type instanceof ShortType || type instanceof ByteType ? INT : OTHER;
            maxValues[i] = type instanceof ByteType ? Byte.MAX_VALUE : type instanceof ShortType ? Short.MAX_VALUE
                    : Integer.MAX_VALUE;
        }
    }

    /**
     * Reads the record of {@code line[start, start + length)} into {@code targets} (one vector per schema field,
     * each receiving one value), or returns false, having appended nothing, when the line needs the general parser.
     */
    boolean read(char[] line, int start, int length, ColumnVector[] targets) {
        java.util.Arrays.fill(seen, (byte) 0);
        if (!scan(line, start, start + length)) {
            return false;
        }
        for (int i = 0; i < targets.length; i++) {
            ColumnVector out = targets[i];
            if (seen[i] != SEEN_VALUE) {
                out.appendNull();
                continue;
            }
            switch (kinds[i]) {
                case STRING -> out.appendString(new String(line, starts[i], lengths[i]));
                case TIMESTAMP, LONG -> out.appendLong(values[i]);
                case INT -> out.appendInt((int) values[i]);
                case BOOLEAN -> out.appendBoolean(values[i] != 0);
                default -> throw new IllegalStateException("no fast path for field " + i);
            }
        }
        return true;
    }

    /** Reads the object's fields into {@link #seen}/{@link #values}; false when the line is not for this path. */
    private boolean scan(char[] line, int from, int end) {
        position = skipSpace(line, from, end);
        if (position >= end || line[position] != '{') {
            return false;
        }
        position = skipSpace(line, position + 1, end);
        if (position < end && line[position] == '}') {
            return true;
        }
        int expected = 0;
        while (true) {
            if (position >= end || line[position] != '"' || !string(line, end)) {
                return false;
            }
            int field = field(line, tokenStart, tokenLength, expected);
            position = skipSpace(line, position, end);
            if (position >= end || line[position] != ':') {
                return false;
            }
            position = skipSpace(line, position + 1, end);
            if (position >= end) {
                return false;
            }
            byte kind = value(line, end);
            if (kind == OTHER) {
                return false;
            }
            if (field >= 0 && seen[field] == 0) { // of a duplicated name the first value is kept
                if (!convert(field, kind, line)) {
                    return false;
                }
                expected = field + 1;
            }
            position = skipSpace(line, position, end);
            if (position >= end) {
                return false;
            }
            char c = line[position++];
            if (c == '}') {
                return true; // whatever follows the object on its line is ignored, as on the general path
            }
            if (c != ',') {
                return false;
            }
            position = skipSpace(line, position, end);
        }
    }

    /** Token kinds of {@link #value}: OTHER means not handled here. */
    private static final byte T_STRING = 1;
    private static final byte T_INT = 2;
    private static final byte T_TRUE = 3;
    private static final byte T_FALSE = 4;
    private static final byte T_NULL = 5;

    /** Reads the value at {@link #position}; its kind, or OTHER. */
    private byte value(char[] line, int end) {
        char c = line[position];
        if (c == '"') {
            return string(line, end) ? T_STRING : OTHER;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return integer(line, end) ? T_INT : OTHER;
        }
        if (literal(line, end, "true")) {
            return T_TRUE;
        }
        if (literal(line, end, "false")) {
            return T_FALSE;
        }
        return literal(line, end, "null") ? T_NULL : OTHER;
    }

    /** Whether the value of kind {@code token} converts cleanly to field {@code field}'s column; stores it. */
    private boolean convert(int field, byte token, char[] line) {
        if (token == T_NULL) {
            seen[field] = SEEN_NULL;
            return true;
        }
        long value;
        switch (kinds[field]) {
            case STRING -> {
                if (token != T_STRING) {
                    return false; // Jackson's text of a number or boolean: left to the general path
                }
                starts[field] = tokenStart;
                lengths[field] = tokenLength;
                value = 0;
            }
            case TIMESTAMP -> {
                if (token != T_STRING) {
                    return false;
                }
                value = temporal.parseTimestamp(line, tokenStart, tokenLength);
                if (value == TemporalFormats.INVALID_TIMESTAMP) {
                    return false;
                }
            }
            case LONG -> {
                if (token != T_INT) {
                    return false;
                }
                value = tokenValue;
            }
            case INT -> {
                if (token != T_INT || tokenValue > maxValues[field] || tokenValue < -maxValues[field] - 1) {
                    return false;
                }
                value = tokenValue;
            }
            case BOOLEAN -> {
                if (token != T_TRUE && token != T_FALSE) {
                    return false;
                }
                value = token == T_TRUE ? 1 : 0;
            }
            default -> {
                return false;
            }
        }
        values[field] = value;
        seen[field] = SEEN_VALUE;
        return true;
    }

    /** The field named {@code line[start, start + length)}, trying {@code expected} first; -1 when unknown. */
    private int field(char[] line, int start, int length, int expected) {
        if (expected < names.length && nameEquals(names[expected], line, start, length)) {
            return expected;
        }
        for (int i = 0; i < names.length; i++) {
            if (nameEquals(names[i], line, start, length)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean nameEquals(char[] name, char[] line, int start, int length) {
        if (name.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (name[i] != line[start + i]) {
                return false;
            }
        }
        return true;
    }

    /** A string without escapes or control characters at {@link #position} (its opening quote). */
    private boolean string(char[] line, int end) {
        int p = position + 1;
        int limit = Math.min(end, p + MAX_STRING);
        while (p < limit) {
            char c = line[p];
            if (c == '"') {
                tokenStart = position + 1;
                tokenLength = p - tokenStart;
                position = p + 1;
                return true;
            }
            if (c == '\\' || c < 0x20) {
                return false;
            }
            p++;
        }
        return false;
    }

    /** An integer without leading zeros, fraction or exponent, of 1-18 digits, ended by a delimiter. */
    private boolean integer(char[] line, int end) {
        int p = position;
        boolean negative = line[p] == '-';
        if (negative) {
            p++;
        }
        int digitsStart = p;
        long value = 0;
        while (p < end && line[p] >= '0' && line[p] <= '9') {
            value = value * 10 + (line[p] - '0');
            p++;
        }
        int digits = p - digitsStart;
        if (digits == 0 || digits > 18 || (digits > 1 && line[digitsStart] == '0') || !delimiter(line, p, end)) {
            return false;
        }
        tokenValue = negative ? -value : value;
        position = p;
        return true;
    }

    private boolean literal(char[] line, int end, String word) {
        int n = word.length();
        if (position + n > end) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (line[position + i] != word.charAt(i)) {
                return false;
            }
        }
        if (!delimiter(line, position + n, end)) {
            return false;
        }
        position += n;
        return true;
    }

    /** Whether a scalar may end before {@code p}: at a separator, a closing brace or white space. */
    private static boolean delimiter(char[] line, int p, int end) {
        if (p >= end) {
            return false; // an unclosed object: the general path reports it
        }
        char c = line[p];
        return c == ',' || c == '}' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** Skips JSON white space. */
    private static int skipSpace(char[] line, int p, int end) {
        while (p < end) {
            char c = line[p];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return p;
            }
            p++;
        }
        return p;
    }
}
