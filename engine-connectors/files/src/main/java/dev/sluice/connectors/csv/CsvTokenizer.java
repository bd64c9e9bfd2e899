package dev.sluice.connectors.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Splits CSV text into records of string tokens (RFC 4180 with Spark's options): fields separated by
 * {@code sep}; a field starting with {@code quote} may hold separators, line breaks (with
 * {@code multiLine}) and quotes written as {@code escape}+quote or doubled; blank lines and lines starting
 * with {@code comment} are skipped. An unquoted empty field is a null token, a quoted empty field is
 * {@code emptyValue}, and a token equal to {@code nullValue} is null.
 *
 * <p>Tokens go to a reused array and characters through reused builders, so the only allocations per
 * record are the token strings. The raw text of the record is kept only when {@code keepRaw} is set (for
 * the corrupt-record column and FAILFAST errors). Not thread-safe.
 */
final class CsvTokenizer implements AutoCloseable {
    private static final int EOF = -1;

    private final Reader reader;
    private final CsvOptions options;
    private final boolean keepRaw;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private final StringBuilder field = new StringBuilder();
    private final StringBuilder raw = new StringBuilder();
    private String[] tokens = new String[16];
    private int tokenCount;
    private long line = 1;
    private long recordLine;
    private boolean unterminatedQuote;

    CsvTokenizer(Reader reader, CsvOptions options, boolean keepRaw) {
        this.reader = reader;
        this.options = options;
        this.keepRaw = keepRaw;
    }

    /** Reads the next record; false at the end of input. */
    boolean next() throws IOException {
        while (true) {
            int first = peek();
            if (first == EOF) {
                return false;
            }
            if (isLineEnd(first)) {
                read();
                continue;
            }
            if (options.comment != '\u0000' && first == options.comment) {
                skipLine();
                continue;
            }
            break;
        }
        recordLine = line;
        tokenCount = 0;
        unterminatedQuote = false;
        if (keepRaw) {
            raw.setLength(0);
        }
        boolean more = true;
        while (more) {
            more = readField();
        }
        return true;
    }

    /** Reads one field and stores its token; returns whether another field follows on this record. */
    private boolean readField() throws IOException {
        field.setLength(0);
        int c = read();
        if (options.trimLeadingRead) {
            while (c == ' ' || c == '\t') {
                c = read();
            }
        }
        if (c == options.quote && options.quote != '\u0000') {
            return readQuoted();
        }
        while (c != EOF && c != options.separator && !isLineEnd(c)) {
            field.append((char) c);
            c = read();
        }
        int end = field.length();
        if (options.trimTrailingRead) {
            while (end > 0 && (field.charAt(end - 1) == ' ' || field.charAt(end - 1) == '\t')) {
                end--;
            }
        }
        addToken(end == 0 ? null : field.substring(0, end));
        return finishLineBreak(c);
    }

    private boolean readQuoted() throws IOException {
        char quote = options.quote;
        char escape = options.escape;
        while (true) {
            int c = read();
            if (c == EOF || (isLineEnd(c) && !options.multiLine)) {
                unterminatedQuote = true;
                addToken(field.toString());
                return finishLineBreak(c);
            }
            if (c == escape && escape != quote && escape != '\u0000') {
                int next = peek();
                if (next == quote || next == escape) {
                    field.append((char) read());
                } else {
                    field.append((char) c);
                }
            } else if (c == quote) {
                if (peek() == quote) {
                    field.append((char) read());
                    continue;
                }
                break;
            } else {
                field.append((char) c);
            }
        }
        // After the closing quote: text up to the separator is an unescaped quote, handled as configured.
        int quotedLength = field.length();
        StringBuilder after = null;
        int c = read();
        while (c != EOF && c != options.separator && !isLineEnd(c)) {
            if (c != ' ' && c != '\t') {
                if (after == null) {
                    after = new StringBuilder();
                }
                after.append((char) c);
            }
            c = read();
        }
        if (after == null) {
            addToken(quotedLength == 0 ? options.emptyValueRead : field.toString());
            return finishLineBreak(c);
        }
        switch (options.unescapedQuotes) {
            case STOP_AT_CLOSING_QUOTE -> addToken(field.append(after).toString());
            case BACK_TO_DELIMITER, STOP_AT_DELIMITER -> addToken(quote + field.toString() + quote + after);
            case SKIP_VALUE -> addToken(options.nullValue);
            case RAISE_ERROR -> {
                unterminatedQuote = true; // makes the record malformed
                addToken(field.append(after).toString());
            }
        }
        return finishLineBreak(c);
    }

    /** Whether {@code c} ends a record: the {@code lineSep} character, else any of CR and LF. */
    private boolean isLineEnd(int c) {
        return options.lineSeparatorRead != '\u0000' ? c == options.lineSeparatorRead : c == '\n' || c == '\r';
    }

    /** Consumes the rest of a line break; true when {@code c} was a separator (more fields follow). */
    private boolean finishLineBreak(int c) throws IOException {
        if (c == '\r' && options.lineSeparatorRead == '\u0000' && peek() == '\n') {
            read();
        }
        return c == options.separator;
    }

    private void addToken(String token) {
        if (tokenCount == tokens.length) {
            tokens = Arrays.copyOf(tokens, tokens.length * 2);
        }
        tokens[tokenCount++] = token != null && token.equals(options.nullValue) ? null : token;
    }

    private void skipLine() throws IOException {
        int c = read();
        while (c != EOF && !isLineEnd(c)) {
            c = read();
        }
        finishLineBreak(c);
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position];
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return EOF;
        }
        char c = buffer[position++];
        if (c == '\n' || (c == '\r' && (position < limit ? buffer[position] != '\n' : peekAfterFill() != '\n'))) {
            line++;
        }
        if (keepRaw && !isLineEnd(c)) {
            raw.append(c);
        } else if (keepRaw && options.multiLine) {
            raw.append(c);
        }
        return c;
    }

    /** The char after a buffer boundary (refilling), used to count {@code \r\n} as one line break. */
    private int peekAfterFill() throws IOException {
        return peek();
    }

    private boolean fill() throws IOException {
        int n = reader.read(buffer, 0, buffer.length);
        if (n <= 0) {
            position = 0;
            limit = 0;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    /** Tokens of the current record: {@code token(i)} for {@code i < tokenCount()}; null tokens are null. */
    String token(int index) {
        return tokens[index];
    }

    int tokenCount() {
        return tokenCount;
    }

    /** The 1-based line where the current record starts. */
    long recordLine() {
        return recordLine;
    }

    /** Whether the current record ended inside a quoted field (or has an unescaped quote with RAISE_ERROR). */
    boolean unterminatedQuote() {
        return unterminatedQuote;
    }

    /** The raw text of the current record (without its final line break); empty unless {@code keepRaw}. */
    CharSequence raw() {
        if (keepRaw && raw.length() > 0 && options.multiLine) {
            int end = raw.length();
            while (end > 0 && (raw.charAt(end - 1) == '\n' || raw.charAt(end - 1) == '\r')) {
                end--;
            }
            raw.setLength(end);
        }
        return raw;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
