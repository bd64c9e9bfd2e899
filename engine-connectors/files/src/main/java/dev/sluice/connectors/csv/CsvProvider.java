package dev.sluice.connectors.csv;

import dev.sluice.connectors.file.FileFormatProvider;

/**
 * Registers the {@code csv} format with the batch API ({@code session.read().format("csv")},
 * {@code dataset.write().format("csv")}) through {@code META-INF/services}. Stateless and thread-safe.
 */
public final class CsvProvider extends FileFormatProvider {
    public CsvProvider() {
        super(new CsvFormat());
    }
}
