package dev.sluice.connectors.csv;

import dev.sluice.batch.Chunk;
import dev.sluice.connectors.file.ChunkReader;
import dev.sluice.connectors.file.FormatOptions;
import dev.sluice.connectors.file.ParseMode;
import dev.sluice.connectors.file.RecordAssembler;
import dev.sluice.connectors.file.TemporalFormats;
import dev.sluice.connectors.file.TextValueParser;
import dev.sluice.sql.types.DoubleType;
import dev.sluice.sql.types.FloatType;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads CSV records into chunks: token {@code i} fills the {@code i}-th column of the schema that is not
 * the corrupt-record column. A record with a different number of tokens than data columns, an unclosed
 * quote, or a token that does not convert is malformed (Spark's rule); the parse mode decides what happens
 * ({@link RecordAssembler}). With {@code header}, the first record of the input is skipped after its names
 * are checked against the schema by position (case-insensitive): a mismatch fails the read with
 * {@code enforceSchema=false} and is logged otherwise, as Spark. Float and double columns read
 * {@code nanValue}, {@code positiveInf} and {@code negativeInf}. Not thread-safe.
 */
final class CsvRecordReader implements ChunkReader {
    private static final Logger LOG = LoggerFactory.getLogger(CsvRecordReader.class);

    private final CsvTokenizer tokenizer;
    private final CsvOptions csv;
    private final StructType schema;
    private final String source;
    private final RecordAssembler assembler;
    private final int[] dataColumns;
    private final TextValueParser[] parsers;
    private boolean skipHeader;

    CsvRecordReader(CsvTokenizer tokenizer, StructType schema, FormatOptions options, CsvOptions csv, String source) {
        this.tokenizer = tokenizer;
        this.csv = csv;
        this.schema = schema;
        this.source = source;
        this.assembler = new RecordAssembler(schema, options, source);
        int corrupt = assembler.corruptRecordIndex();
        dataColumns = new int[corrupt >= 0 ? schema.length() - 1 : schema.length()];
        parsers = new TextValueParser[dataColumns.length];
        TemporalFormats temporal = TemporalFormats.of(options);
        for (int i = 0, column = 0; column < schema.length(); column++) {
            if (column != corrupt) {
                dataColumns[i] = column;
                parsers[i++] = parser(schema.apply(column).dataType(), temporal, csv);
            }
        }
        this.skipHeader = csv.header;
    }

    /** The parser of a column; floats and doubles also read the configured NaN and infinity texts. */
    private static TextValueParser parser(dev.sluice.sql.types.DataType type, TemporalFormats temporal, CsvOptions csv) {
        TextValueParser base = TextValueParser.forType(type, temporal, "CSV");
        if (!(type instanceof DoubleType) && !(type instanceof FloatType)) {
            return base;
        }
        boolean isFloat = type instanceof FloatType;
        return (text, out) -> {
            if (!csv.isNonNumeric(text)) {
                return base.append(text, out);
            }
            if (isFloat) {
                out.appendFloat((float) csv.nonNumeric(text));
            } else {
                out.appendDouble(csv.nonNumeric(text));
            }
            return true;
        };
    }

    /** Spark's {@code CSVHeaderChecker}: the header's names against the schema's data columns, by position. */
    private void checkHeader() {
        List<String> fieldNames = new ArrayList<>();
        for (int column : dataColumns) {
            fieldNames.add(schema.apply(column).name());
        }
        List<String> header = new ArrayList<>();
        for (int i = 0; i < tokenizer.tokenCount(); i++) {
            header.add(tokenizer.token(i) == null ? "" : tokenizer.token(i));
        }
        String error = null;
        if (header.size() != fieldNames.size()) {
            error = "Number of column in CSV header is not equal to number of fields in the schema:\n Header length: "
                    + header.size() + ", schema size: " + fieldNames.size() + "\nCSV file: " + source;
        } else {
            for (int i = 0; i < header.size() && error == null; i++) {
                if (!header.get(i).toLowerCase(Locale.ROOT).equals(fieldNames.get(i).toLowerCase(Locale.ROOT))) {
                    error = "CSV header does not conform to the schema.\n Header: " + String.join(", ", header)
                            + "\n Schema: " + String.join(", ", fieldNames) + "\nExpected: " + fieldNames.get(i)
                            + " but found: " + header.get(i) + "\nCSV file: " + source;
                }
            }
        }
        if (error != null) {
            if (!csv.enforceSchema) {
                // Spark: a bare IllegalArgumentException; the option that asked for the check is named
                throw dev.sluice.conf.OptionValues.refused("enforceSchema", error + " (option enforceSchema=false)",
                        null);
            }
            LOG.warn(error);
        }
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
                checkHeader();
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
