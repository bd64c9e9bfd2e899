package dev.sluice.connectors.csv;

import dev.sluice.batch.Chunk;
import dev.sluice.connectors.file.ChunkReader;
import dev.sluice.connectors.file.FormatOptions;
import dev.sluice.connectors.file.ParseMode;
import dev.sluice.connectors.file.RecordAssembler;
import dev.sluice.connectors.file.TemporalFormats;
import dev.sluice.connectors.file.TextValueParser;
import dev.sluice.sql.types.StructType;
import java.io.IOException;

/**
 * Reads CSV records into chunks: token {@code i} fills the {@code i}-th column of the schema that is not
 * the corrupt-record column. A record with a different number of tokens than data columns, an unclosed
 * quote, or a token that does not convert is malformed (Spark's rule); the parse mode decides what happens
 * ({@link RecordAssembler}). With {@code header}, the first record of the input is skipped. Not
 * thread-safe.
 */
final class CsvRecordReader implements ChunkReader {
    private final CsvTokenizer tokenizer;
    private final RecordAssembler assembler;
    private final int[] dataColumns;
    private final TextValueParser[] parsers;
    private boolean skipHeader;

    CsvRecordReader(CsvTokenizer tokenizer, StructType schema, FormatOptions options, CsvOptions csv, String source) {
        this.tokenizer = tokenizer;
        this.assembler = new RecordAssembler(schema, options, source);
        int corrupt = assembler.corruptRecordIndex();
        dataColumns = new int[corrupt >= 0 ? schema.length() - 1 : schema.length()];
        parsers = new TextValueParser[dataColumns.length];
        TemporalFormats temporal = TemporalFormats.of(options);
        for (int i = 0, column = 0; column < schema.length(); column++) {
            if (column != corrupt) {
                dataColumns[i] = column;
                parsers[i++] = TextValueParser.forType(schema.apply(column).dataType(), temporal, "CSV");
            }
        }
        this.skipHeader = csv.header;
    }

    /** Whether raw record text must be kept for this schema and mode. */
    static boolean needsRaw(StructType schema, FormatOptions options) {
        return options.parseMode() == ParseMode.FAILFAST || schema.indexOfIgnoreCase(options.corruptRecordColumn()) >= 0;
    }

    @Override
    public Chunk next() throws IOException {
        while (!assembler.full() && tokenizer.next()) {
            if (skipHeader) {
                skipHeader = false;
                continue;
            }
            readRecord();
        }
        return assembler.flush();
    }

    private void readRecord() {
        assembler.begin();
        int tokens = tokenizer.tokenCount();
        boolean bad = tokens != dataColumns.length || tokenizer.unterminatedQuote();
        for (int i = 0; i < dataColumns.length; i++) {
            String token = i < tokens ? tokenizer.token(i) : null;
            if (token == null) {
                assembler.column(dataColumns[i]).appendNull();
            } else if (!parsers[i].append(token, assembler.column(dataColumns[i]))) {
                bad = true;
            }
        }
        assembler.end(bad, tokenizer.raw(), tokenizer.recordLine());
    }

    @Override
    public long malformedDropped() {
        return assembler.dropped();
    }

    @Override
    public void close() throws IOException {
        tokenizer.close();
    }
}
