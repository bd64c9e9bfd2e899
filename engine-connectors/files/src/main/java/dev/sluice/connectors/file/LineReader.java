package dev.sluice.connectors.file;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Splits characters into lines without allocating per line: the current line is a slice of a reused
 * buffer ({@link #buffer()}, {@link #start()}, {@link #length()}). Lines end at {@code \n}, {@code \r\n}
 * or {@code \r} (Spark's default), or at a given separator string. Tracks 1-based line numbers (counting
 * separators). Not thread-safe; closing closes the reader.
 */
public final class LineReader implements AutoCloseable {
    private static final int INITIAL_BUFFER = 1 << 16;

    private final Reader reader;
    private final char[] separator;
    private char[] buffer = new char[INITIAL_BUFFER];
    private int position;
    private int limit;
    private boolean eof;
    private int lineStart;
    private int lineLength;
    private long lineNumber;

    /** Lines of {@code reader}; {@code separator} null means any of {@code \n}, {@code \r\n}, {@code \r}. */
    public LineReader(Reader reader, String separator) {
        this.reader = reader;
        this.separator = separator == null || separator.isEmpty() ? null : separator.toCharArray();
    }

    /** Moves to the next line; false at the end of input. The last line may lack a separator. */
    public boolean next() throws IOException {
        int scan = position;
        while (true) {
            int end = findSeparator(scan);
            if (end >= 0) {
                lineStart = position;
                lineLength = end - position;
                position = end + separatorLength(end);
                lineNumber++;
                return true;
            }
            if (eof) {
                if (position >= limit) {
                    return false;
                }
                lineStart = position;
                lineLength = limit - position;
                position = limit;
                lineNumber++;
                return true;
            }
            scan = Math.max(position, limit - (separator == null ? 1 : separator.length));
            int consumed = position;
            fill();
            scan -= consumed;
        }
    }

    /** Index of the first separator at or after {@code from}, or -1 when none is complete in the buffer. */
    private int findSeparator(int from) {
        if (separator == null) {
            for (int i = from; i < limit; i++) {
                char c = buffer[i];
                if (c == '\n') {
                    return i;
                }
                if (c == '\r') {
                    // "\r\n" needs the next char; at the buffer end, wait for more unless at EOF.
                    return i + 1 < limit || eof ? i : -1;
                }
            }
            return -1;
        }
        outer:
        for (int i = from; i + separator.length <= limit; i++) {
            for (int j = 0; j < separator.length; j++) {
                if (buffer[i + j] != separator[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private int separatorLength(int at) {
        if (separator != null) {
            return separator.length;
        }
        return buffer[at] == '\r' && at + 1 < limit && buffer[at + 1] == '\n' ? 2 : 1;
    }

    /** Moves unread characters to the front, grows the buffer when a line fills it, and reads more. */
    private void fill() throws IOException {
        int remaining = limit - position;
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, remaining);
        } else if (remaining == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        position = 0;
        limit = remaining;
        int read = reader.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            eof = true;
        } else {
            limit += read;
        }
    }

    /** The buffer holding the current line; valid until the next call to {@link #next()}. */
    public char[] buffer() {
        return buffer;
    }

    public int start() {
        return lineStart;
    }

    public int length() {
        return lineLength;
    }

    /** The 1-based number of the current line. */
    public long lineNumber() {
        return lineNumber;
    }

    /** The current line as a new string. */
    public String line() {
        return new String(buffer, lineStart, lineLength);
    }

    /** Whether the current line holds only white space. */
    public boolean isBlank() {
        for (int i = lineStart; i < lineStart + lineLength; i++) {
            if (!Character.isWhitespace(buffer[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
