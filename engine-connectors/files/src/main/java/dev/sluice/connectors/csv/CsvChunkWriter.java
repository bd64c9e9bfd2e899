package dev.sluice.connectors.csv;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.connectors.file.ChunkWriter;
import dev.sluice.connectors.file.TemporalFormats;
import dev.sluice.connectors.file.ValueFormatter;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes rows as CSV the way Spark does by default: an optional header line, null as {@code nullValue}
 * (empty), the empty string as {@code emptyValue} ({@code ""}), leading and trailing white space of values
 * trimmed, and a value quoted when it holds the separator, a quote, a line break or starts with the comment
 * character (every value with {@code quoteAll}); quotes inside are preceded by {@code escape}, and so is
 * an escape character that precedes a quote or an escape or ends the value. Not thread-safe.
 */
final class CsvChunkWriter implements ChunkWriter {
    private final Writer out;
    private final CsvOptions options;
    private final ValueFormatter[] formatters;
    private final boolean[] isString;
    private final StringBuilder line = new StringBuilder();
    private boolean headerPending;
    private final StructType schema;

    CsvChunkWriter(Writer out, StructType schema, CsvOptions options, TemporalFormats temporal) {
        this.out = out;
        this.options = options;
        this.schema = schema;
        formatters = new ValueFormatter[schema.length()];
        isString = new boolean[schema.length()];
        for (int i = 0; i < formatters.length; i++) {
            formatters[i] = ValueFormatter.forType(schema.apply(i).dataType(), temporal, "CSV");
            isString[i] = schema.apply(i).dataType() instanceof StringType;
        }
        headerPending = options.header;
    }

    @Override
    public void write(Chunk chunk) throws IOException {
        writeHeaderIfPending();
        ColumnVector[] columns = chunk.columns();
        for (int row = 0; row < chunk.rowCount(); row++) {
            line.setLength(0);
            for (int c = 0; c < columns.length; c++) {
                if (c > 0) {
                    line.append(options.separator);
                }
                if (columns[c].isNull(row)) {
                    line.append(options.nullValue);
                } else {
                    appendValue(formatters[c].format(columns[c], row), isString[c]);
                }
            }
            line.append(options.lineSeparatorWrite);
            out.append(line);
        }
    }

    private void writeHeaderIfPending() throws IOException {
        if (!headerPending) {
            return;
        }
        headerPending = false;
        line.setLength(0);
        for (int c = 0; c < schema.length(); c++) {
            if (c > 0) {
                line.append(options.separator);
            }
            appendValue(schema.apply(c).name(), true);
        }
        line.append(options.lineSeparatorWrite);
        out.append(line);
    }

    private void appendValue(String value, boolean string) {
        String text = string ? trim(value) : value;
        if (text.isEmpty()) {
            line.append(options.emptyValueWrite);
            return;
        }
        if (!options.quoteAll && !needsQuotes(text)) {
            line.append(text);
            return;
        }
        char quote = options.quote;
        char escape = options.escape == '\u0000' ? quote : options.escape;
        line.append(quote);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == quote && options.escapeQuotes) {
                line.append(escape);
            } else if (ch == escape && escape != quote && (i + 1 == text.length() || text.charAt(i + 1) == quote
                    || text.charAt(i + 1) == escape)) {
                // An escape character before a quote, another escape or the closing quote is escaped itself (as
                // univocity's charToEscapeQuoteEscaping), so that the reader gives it back unchanged.
                line.append(escape);
            }
            line.append(ch);
        }
        line.append(quote);
    }

    private boolean needsQuotes(String text) {
        if (options.quote == '\u0000') {
            return false;
        }
        if (options.comment != '\u0000' && text.charAt(0) == options.comment) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == options.separator || ch == options.quote || ch == '\n' || ch == '\r') {
                return true;
            }
        }
        return false;
    }

    private String trim(String value) {
        int start = 0;
        int end = value.length();
        if (options.trimLeadingWrite) {
            while (start < end && Character.isWhitespace(value.charAt(start))) {
                start++;
            }
        }
        if (options.trimTrailingWrite) {
            while (end > start && Character.isWhitespace(value.charAt(end - 1))) {
                end--;
            }
        }
        return start == 0 && end == value.length() ? value : value.substring(start, end);
    }

    @Override
    public void close() throws IOException {
        writeHeaderIfPending();
        out.close();
    }
}
