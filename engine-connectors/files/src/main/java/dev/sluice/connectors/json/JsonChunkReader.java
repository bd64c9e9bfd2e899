package dev.sluice.connectors.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.connectors.file.ChunkReader;
import dev.sluice.connectors.file.FormatOptions;
import dev.sluice.connectors.file.LineReader;
import dev.sluice.connectors.file.RecordAssembler;
import dev.sluice.connectors.file.TemporalFormats;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JSON records into chunks. In JSON Lines mode each non-blank line is one record, all parsed by one
 * Jackson parser fed line by line from a reused buffer ({@link LineFeed}), so a well-formed input allocates
 * nothing per line beyond the values; malformed JSON costs a new parser, which starts at the next line.
 * With {@code multiLine} the whole input is one JSON document. A top-level
 * object is one row, a top-level array gives one row per element object; anything else, or JSON that does
 * not parse, is a malformed record handled by the parse mode ({@link RecordAssembler}). Not thread-safe.
 */
final class JsonChunkReader implements ChunkReader {
    private final JsonFactory factory;
    private final RecordAssembler assembler;
    private final JsonRecordParser parser;
    private final int[] dataColumns;
    private final ColumnVector[] targets;
    private final LineReader lines;
    private final LineFeed feed;
    /** The fast path for flat records (JSON Lines only), tried on each line before Jackson. */
    private final FlatRecordReader flat;
    private final Reader wholeInput;
    private boolean wholeInputDone;
    private JsonParser json;

    JsonChunkReader(Reader input, StructType schema, FormatOptions options, JsonFactory factory, String source) {
        this(input, schema, options, factory, source, true);
    }

    /** {@code fastPath} false reads every line with Jackson (tests compare both paths). */
    JsonChunkReader(Reader input, StructType schema, FormatOptions options, JsonFactory factory, String source,
                    boolean fastPath) {
        this.factory = factory;
        this.assembler = new RecordAssembler(schema, options, source);
        int corrupt = assembler.corruptRecordIndex();
        List<StructField> dataFields = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        for (int i = 0; i < schema.length(); i++) {
            if (i != corrupt) {
                dataFields.add(schema.apply(i));
                columns.add(i);
            }
        }
        this.dataColumns = columns.stream().mapToInt(Integer::intValue).toArray();
        this.targets = new ColumnVector[dataColumns.length];
        TemporalFormats temporal = TemporalFormats.of(options);
        this.parser = new JsonRecordParser(new StructType(dataFields), factory, temporal);
        boolean multiLine = options.getBoolean("multiLine", false);
        this.flat = multiLine || !fastPath ? null : new FlatRecordReader(new StructType(dataFields), temporal);
        this.lines = multiLine ? null : new LineReader(input, options.get("lineSep"));
        this.feed = multiLine ? null : new LineFeed();
        this.wholeInput = multiLine ? input : null;
    }

    @Override
    public Chunk next() throws IOException {
        if (lines == null) {
            if (!wholeInputDone) {
                wholeInputDone = true;
                readDocument();
            }
            return assembler.flush();
        }
        while (!assembler.full()) {
            if (flat != null && !feed.pending) {
                // between records: the next line goes to the fast path, else to Jackson through the feed
                if (!lines.next()) {
                    break;
                }
                if (readFlat()) {
                    continue;
                }
                feed.serveCurrentLine();
            }
            if (json == null) {
                json = factory.createParser(feed);
            }
            feed.recordOpen = false;
            JsonToken first;
            try {
                first = json.nextToken();
            } catch (JsonProcessingException e) {
                assembler.begin();
                assembler.malformed(raw(null), lines.lineNumber(), e);
                restartParser();
                continue;
            }
            if (first == null) {
                break;
            }
            feed.recordOpen = true;
            if (readValue(json, first, lines.lineNumber(), null)) {
                // JSON Lines: whatever follows the record on its line is ignored, as Spark does.
                json.releaseBuffered(Writer.nullWriter());
                feed.skipRestOfLine();
            } else {
                restartParser();
            }
        }
        return assembler.flush();
    }

    /** Drops a parser left unusable by malformed input; the next one starts at the next line. */
    private void restartParser() throws IOException {
        json.close();
        json = null;
        feed.skipRestOfLine();
    }

    private void readDocument() throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n = wholeInput.read(buffer); n >= 0; n = wholeInput.read(buffer)) {
            text.append(buffer, 0, n);
        }
        String document = text.toString();
        if (document.isBlank()) {
            return;
        }
        try (JsonParser parser = factory.createParser(document)) {
            JsonToken first;
            try {
                first = parser.nextToken();
            } catch (JsonProcessingException e) {
                assembler.begin();
                assembler.malformed(document, 1, e);
                return;
            }
            readValue(parser, first, 1, document);
        }
    }

    /**
     * Reads one top-level value whose first token is {@code first}: an object (one row), an array of objects
     * (a row each), anything else is malformed.
     *
     * @return false when the JSON was malformed (the parser is then unusable)
     */
    private boolean readValue(JsonParser json, JsonToken first, long line, String document) throws IOException {
        long recordLine = line;
        assembler.begin();
        try {
            if (first == JsonToken.START_OBJECT) {
                readObject(json, line, document);
            } else if (first == JsonToken.START_ARRAY) {
                for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
                    if (document != null) {
                        recordLine = json.currentTokenLocation().getLineNr();
                    }
                    if (token != JsonToken.START_OBJECT) {
                        throw new JsonParseException(json, "Array elements must be objects");
                    }
                    readObject(json, recordLine, document);
                    assembler.begin();
                }
            } else {
                json.skipChildren();
                assembler.malformed(raw(document), line, null);
            }
            return true;
        } catch (JsonProcessingException e) {
            assembler.malformed(raw(document), recordLine, e);
            return false;
        }
    }

    /** The current line through {@link FlatRecordReader}; false (nothing appended) when Jackson must read it. */
    private boolean readFlat() {
        for (int i = 0; i < dataColumns.length; i++) {
            targets[i] = assembler.column(dataColumns[i]);
        }
        assembler.begin();
        if (!flat.read(lines.buffer(), lines.start(), lines.length(), targets)) {
            return false;
        }
        assembler.end(false, "", lines.lineNumber());
        return true;
    }

    private void readObject(JsonParser json, long line, String document) throws IOException {
        for (int i = 0; i < dataColumns.length; i++) {
            targets[i] = assembler.column(dataColumns[i]);
        }
        parser.readRecord(json, targets);
        assembler.end(parser.badField(), parser.badField() ? raw(document) : "", line);
    }

    private CharSequence raw(String document) {
        return document != null ? document : CharBuffer.wrap(lines.buffer(), lines.start(), lines.length());
    }

    @Override
    public long malformedDropped() {
        return assembler.dropped();
    }

    @Override
    public void close() throws IOException {
        if (json != null) {
            json.close();
        }
        if (lines != null) {
            lines.close();
        } else {
            wholeInput.close();
        }
    }

    /**
     * Hands the lines to the one Jackson parser of a JSON Lines input: a line (plus {@code \n}) per read,
     * and end-of-input when a record is open and its line is used up, so a record never continues on the
     * next line (the parser then fails and is replaced). The parser buffers at most the current line, which
     * stays readable in {@link #lines} for the corrupt-record column and errors.
     */
    private final class LineFeed extends Reader {
        boolean recordOpen;
        /** Whether the current line is (still) being handed to Jackson. */
        boolean pending;
        private int served;

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (!pending) {
                if (recordOpen || !lines.next()) {
                    return -1;
                }
                pending = true;
                served = 0;
            }
            int remaining = lines.length() - served;
            int n = Math.min(length, remaining);
            System.arraycopy(lines.buffer(), lines.start() + served, buffer, offset, n);
            served += n;
            if (n < length && served == lines.length()) {
                buffer[offset + n++] = '\n';
                pending = false;
            }
            return n;
        }

        /** Hands the line the fast path declined to Jackson, from its start. */
        void serveCurrentLine() {
            pending = true;
            served = 0;
        }

        /** Forgets the unread part of the current line. */
        void skipRestOfLine() {
            pending = false;
        }

        @Override
        public void close() {
            // The line reader is closed by the chunk reader.
        }
    }
}
