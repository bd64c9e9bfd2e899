package dev.sluice.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code read().json(Dataset<String>)} and {@code read().csv(Dataset<String>)}: the strings are parsed by the
 * format's own file reader, so that schema inference, options and parse modes are exactly those of
 * {@code json(path)}/{@code csv(path)}. The strings are collected, written to a scratch file (one JSON record or CSV
 * line per element; line breaks inside a JSON record, which can only be whitespace, become spaces) and read back
 * eagerly into a local Dataset; the scratch folder is deleted before returning. For data that fits in memory, as a
 * Dataset of strings built in the driver usually does. Stateless.
 */
final class TextDatasets {
    private TextDatasets() {
    }

    static Dataset<Row> read(SluiceSession session, DataFrameReader reader, String format, Dataset<String> data) {
        if (data.isStreaming()) {
            throw new AnalysisException("CALL_ON_STREAMING_DATASET_UNSUPPORTED", "The method `" + format + "` can not"
                    + " be called on streaming Dataset/DataFrame.", "42KDE");
        }
        List<String> records = data.collectAsList();
        Path folder;
        try {
            folder = Files.createTempDirectory("sluice-" + format + "-dataset-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a scratch folder for " + format + "(Dataset<String>)", e);
        }
        try {
            StringBuilder text = new StringBuilder();
            for (String record : records) {
                if (record == null) {
                    continue; // Spark skips null strings
                }
                text.append(format.equals("json") ? record.replace('\r', ' ').replace('\n', ' ') : record).append('\n');
            }
            Path file = folder.resolve("part-00000." + format);
            Files.writeString(file, text, StandardCharsets.UTF_8);
            Dataset<Row> parsed = reader.format(format).load(file.toString());
            return session.createDataFrame(parsed.collectAsList(), parsed.schema());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the scratch file of " + format + "(Dataset<String>)", e);
        } finally {
            dev.sluice.sql.catalog.SessionCatalog.deleteRecursively(folder);
        }
    }
}
