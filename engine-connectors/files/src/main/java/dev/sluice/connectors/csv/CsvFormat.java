package dev.sluice.connectors.csv;

import dev.sluice.connectors.file.ChunkReader;
import dev.sluice.connectors.file.ChunkWriter;
import dev.sluice.connectors.file.FormatOptions;
import dev.sluice.connectors.file.RecordSampler;
import dev.sluice.connectors.file.TemporalFormats;
import dev.sluice.connectors.file.TextBasedFormat;
import dev.sluice.connectors.file.TextValueParser;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.StructType;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import org.apache.hadoop.fs.Path;
import java.util.List;

/**
 * Spark's {@code csv} format: a hand-written RFC 4180 tokenizer ({@link CsvTokenizer}) streaming tokens
 * straight into column vectors, with Spark's options (see {@link CsvOptions}), parse modes and schema
 * inference ({@link CsvSchemaInference}), plus {@code encoding}, {@code dateFormat},
 * {@code timestampFormat}, {@code timeZone} and {@code compression}. Only atomic types can be read or
 * written. Stateless and thread-safe.
 */
public final class CsvFormat extends TextBasedFormat {
    @Override
    public String shortName() {
        return "csv";
    }

    @Override
    protected String baseExtension() {
        return ".csv";
    }

    @Override
    public StructType inferSchema(List<Path> files, FormatOptions options) throws IOException {
        CsvOptions csv = new CsvOptions(options);
        CsvSchemaInference inference = new CsvSchemaInference(csv, TemporalFormats.of(options), RecordSampler.of(options));
        for (Path file : files) {
            try (CsvTokenizer tokenizer = tokenizer(openStream(file, options), options, csv, false)) {
                inference.add(tokenizer);
            }
        }
        StructType schema = inference.schema();
        if (schema == null) {
            throw new AnalysisException("UNABLE_TO_INFER_SCHEMA", "Unable to infer schema for CSV. It must be"
                    + " specified manually.", "42KD9");
        }
        return schema;
    }

    /** The schema of the CSV text in {@code in}, as {@link #inferSchema} does for files. */
    public StructType inferSchema(InputStream in, FormatOptions options) throws IOException {
        CsvOptions csv = new CsvOptions(options);
        CsvSchemaInference inference = new CsvSchemaInference(csv, TemporalFormats.of(options), RecordSampler.of(options));
        try (CsvTokenizer tokenizer = tokenizer(in, options, csv, false)) {
            inference.add(tokenizer);
        }
        return inference.schema();
    }

    private static CsvTokenizer tokenizer(InputStream in, FormatOptions options, CsvOptions csv, boolean keepRaw) {
        return new CsvTokenizer(new InputStreamReader(in, options.charset()), csv, keepRaw);
    }

    @Override
    public ChunkReader open(InputStream in, String sourceName, StructType schema, FormatOptions options) {
        TextValueParser.checkAtomic("CSV", schema);
        CsvOptions csv = new CsvOptions(options);
        boolean keepRaw = CsvRecordReader.needsRaw(schema, options);
        return new CsvRecordReader(tokenizer(in, options, csv, keepRaw), schema, options, csv, sourceName);
    }

    @Override
    public ChunkWriter create(OutputStream out, StructType schema, FormatOptions options) {
        checkWritable(schema);
        return new CsvChunkWriter(new BufferedWriter(new OutputStreamWriter(out, options.charset())), schema,
                new CsvOptions(options), TemporalFormats.of(options));
    }

    @Override
    public void checkWritable(StructType schema) {
        TextValueParser.checkAtomic("CSV", schema);
    }
}
