package dev.sluice.connectors.text;

import dev.sluice.batch.Chunk;
import dev.sluice.batch.ColumnVector;
import dev.sluice.batch.StringVector;
import dev.sluice.connectors.file.ChunkReader;
import dev.sluice.connectors.file.ChunkWriter;
import dev.sluice.connectors.file.FormatOptions;
import dev.sluice.connectors.file.LineReader;
import dev.sluice.connectors.file.TextBasedFormat;
import dev.sluice.connectors.file.TextValueParser;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StringType;
import dev.sluice.sql.types.StructType;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import org.apache.hadoop.fs.Path;
import java.util.List;

/**
 * Spark's {@code text} format: one row per line in a single string column {@code value} (line
 * separators removed: {@code \n}, {@code \r\n}, {@code \r}, or the {@code lineSep} option), or one row per
 * file with {@code wholetext=true}. Writing takes exactly one string column and writes each value followed
 * by {@code lineSep} ({@code \n} by default; null writes an empty line). Options: {@code wholetext},
 * {@code lineSep}, {@code encoding}, {@code compression}. Stateless and thread-safe.
 */
public final class TextFormat extends TextBasedFormat {
    /** The schema of text files: {@code value string}. */
    public static final StructType SCHEMA = new StructType().add("value", DataTypes.StringType);

    @Override
    public String shortName() {
        return "text";
    }

    @Override
    protected String baseExtension() {
        return ".txt";
    }

    @Override
    public StructType inferSchema(List<Path> files, FormatOptions options) {
        return SCHEMA;
    }

    @Override
    public void checkWritable(StructType schema) {
        if (schema.length() != 1) {
            throw new AnalysisException("Text data source supports only a single column, and you have "
                    + schema.length() + " columns.");
        }
        if (!(schema.apply(0).dataType() instanceof StringType)) {
            throw TextValueParser.unsupported("Text", schema.apply(0).name(), schema.apply(0).dataType());
        }
    }

    @Override
    public ChunkReader open(InputStream in, String sourceName, StructType schema, FormatOptions options) throws IOException {
        checkWritable(schema);
        Reader reader = new InputStreamReader(in, options.charset());
        if (options.getBoolean("wholetext", false)) {
            return new WholeTextReader(reader);
        }
        return new LinesReader(new LineReader(reader, options.get("lineSep")));
    }

    @Override
    public ChunkWriter create(OutputStream out, StructType schema, FormatOptions options) throws IOException {
        checkWritable(schema);
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, options.charset()));
        String separator = options.get("lineSep", "\n");
        return new ChunkWriter() {
            @Override
            public void write(Chunk chunk) throws IOException {
                ColumnVector values = chunk.column(0);
                for (int row = 0; row < chunk.rowCount(); row++) {
                    if (!values.isNull(row)) {
                        writer.write(values.getString(row));
                    }
                    writer.write(separator);
                }
            }

            @Override
            public void close() throws IOException {
                writer.close();
            }
        };
    }

    /** One row per line. */
    private static final class LinesReader implements ChunkReader {
        private final LineReader lines;

        LinesReader(LineReader lines) {
            this.lines = lines;
        }

        @Override
        public Chunk next() throws IOException {
            StringVector values = new StringVector(Chunk.DEFAULT_ROWS);
            while (values.size() < Chunk.DEFAULT_ROWS && lines.next()) {
                values.appendString(lines.line());
            }
            return values.size() == 0 ? null : new Chunk(values.size(), values);
        }

        @Override
        public long malformedDropped() {
            return 0;
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }

    /** One row holding the whole input. */
    private static final class WholeTextReader implements ChunkReader {
        private final Reader reader;
        private boolean done;

        WholeTextReader(Reader reader) {
            this.reader = reader;
        }

        @Override
        public Chunk next() throws IOException {
            if (done) {
                return null;
            }
            done = true;
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[8192];
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                text.append(buffer, 0, n);
            }
            StringVector values = new StringVector(1);
            values.appendString(text.toString());
            return new Chunk(1, values);
        }

        @Override
        public long malformedDropped() {
            return 0;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
