package dev.sluice.connectors.file;

import dev.sluice.spi.BatchFormatProvider;
import dev.sluice.spi.DataSources;

/**
 * Finds the {@link FileFormat} of a format name ({@code "json"}, {@code "csv"}, {@code "text"},
 * {@code "parquet"}) among the registered batch providers, for code that reads or writes files without the
 * batch API (the streaming file source and sink). Stateless and thread-safe.
 */
public final class FileFormats {
    private FileFormats() {
    }

    /**
     * The file format named {@code name} (case-insensitive).
     *
     * @throws dev.sluice.sql.AnalysisException ({@code DATA_SOURCE_NOT_FOUND}) when no provider has that
     *     name, or {@link IllegalArgumentException} when the provider is not a file format
     */
    public static FileFormat forName(String name) {
        BatchFormatProvider provider = DataSources.batch(name);
        if (provider instanceof FileFormatProvider files) {
            return files.format();
        }
        throw new IllegalArgumentException("Data source " + name + " is not a file format");
    }
}
