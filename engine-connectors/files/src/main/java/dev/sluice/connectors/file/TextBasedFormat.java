package dev.sluice.connectors.file;

import dev.sluice.sql.types.StructType;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.fs.Path;

/**
 * Base of the line-oriented formats (text, CSV, JSON): they read and write streams, and add gzip
 * compression by file name ({@code .gz} files are decompressed when read; the {@code compression} option
 * {@code gzip} compresses written files). Stateless and thread-safe.
 */
public abstract class TextBasedFormat implements FileFormat {
    private static final int BUFFER_BYTES = 1 << 16;

    /** A reader of {@code in}; {@code sourceName} names the input in errors ({@code file /x/y.json, line 3}). */
    public abstract ChunkReader open(InputStream in, String sourceName, StructType schema, FormatOptions options)
            throws IOException;

    /** A writer of rows of {@code schema} to {@code out}; closing the writer closes {@code out}. */
    public abstract ChunkWriter create(OutputStream out, StructType schema, FormatOptions options) throws IOException;

    /** The extension without compression, e.g. {@code ".json"}. */
    protected abstract String baseExtension();

    @Override
    public String extension(FormatOptions options) {
        return baseExtension() + (gzip(options) ? ".gz" : "");
    }

    private static boolean gzip(FormatOptions options) {
        String codec = options.getFirst("none", "compression", "codec").toLowerCase(Locale.ROOT);
        return switch (codec) {
            case "gzip" -> true;
            case "none", "uncompressed" -> false;
            default -> throw dev.sluice.conf.OptionValues.codecNotAvailable(options.keyOf("compression", "codec"), codec,
                    "gzip, none, uncompressed");
        };
    }

    /** Opens a reader over no input: its construction checks the options and the schema as a real read would. */
    @Override
    public void checkRead(StructType schema, FormatOptions options) {
        try (ChunkReader reader = open(InputStream.nullInputStream(), "(options check)", schema, options)) {
            // nothing to read: constructing the reader was the check
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // reading nothing in memory does no IO
        }
    }

    @Override
    public ChunkReader open(Path file, StructType schema, FormatOptions options) throws IOException {
        return open(openStream(file, options), file.toString(), schema, options);
    }

    /** The bytes of {@code file}, decompressed when its name ends with {@code .gz}. */
    public static InputStream openStream(Path file, FormatOptions options) throws IOException {
        InputStream in = new BufferedInputStream(options.files().open(file), BUFFER_BYTES);
        return file.getName().endsWith(".gz") ? new GZIPInputStream(in, BUFFER_BYTES) : in;
    }

    @Override
    public ChunkWriter create(Path file, StructType schema, FormatOptions options) throws IOException {
        OutputStream out = new BufferedOutputStream(options.files().create(file), BUFFER_BYTES);
        if (gzip(options)) {
            out = new GZIPOutputStream(out, BUFFER_BYTES);
        }
        return create(out, schema, options);
    }
}
