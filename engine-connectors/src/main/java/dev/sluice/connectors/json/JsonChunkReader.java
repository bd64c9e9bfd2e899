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
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JSON records into chunks. In JSON Lines mode each non-blank line is one record, parsed by a Jackson
 * parser over the line's slice of a reused buffer (the parser object is the only per-line allocation;
 * Jackson recycles its buffers); with {@code multiLine} the whole input is one JSON document. A top-level
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
    private final Reader wholeInput;
    private boolean wholeInputDone;

    JsonChunkReader(Reader input, StructType schema, FormatOptions options, JsonFactory factory, String source) {
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
        this.parser = new JsonRecordParser(new StructType(dataFields), factory, TemporalFormats.of(options));
        boolean multiLine = options.getBoolean("multiLine", false);
        this.lines = multiLine ? null : new LineReader(input, options.get("lineSep"));
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
        while (!assembler.full() && lines.next()) {
            if (lines.isBlank()) {
                continue;
            }
            try (JsonParser json = factory.createParser(lines.buffer(), lines.start(), lines.length())) {
                readValue(json, lines.lineNumber(), null);
            }
        }
        return assembler.flush();
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
        try (JsonParser json = factory.createParser(document)) {
            readValue(json, 1, document);
        }
    }

    /** Reads one top-level value: an object (one row), an array of objects (a row each), else malformed. */
    private void readValue(JsonParser json, long line, String document) throws IOException {
        long recordLine = line;
        assembler.begin();
        try {
            JsonToken token = json.nextToken();
            if (token == JsonToken.START_OBJECT) {
                readObject(json, line, document);
            } else if (token == JsonToken.START_ARRAY) {
                for (token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
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
                assembler.malformed(raw(document), line, null);
            }
        } catch (JsonProcessingException e) {
            assembler.malformed(raw(document), recordLine, e);
        }
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
        if (lines != null) {
            lines.close();
        } else {
            wholeInput.close();
        }
    }
}
