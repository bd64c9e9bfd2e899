package dev.sluice.connectors.parquet;

import dev.sluice.connectors.file.FileFormatProvider;

/**
 * Registers the {@code parquet} format with the batch API ({@code session.read().format("parquet")},
 * {@code dataset.write().format("parquet")}) through {@code META-INF/services}. Stateless and thread-safe.
 */
public final class ParquetProvider extends FileFormatProvider {
    public ParquetProvider() {
        super(new ParquetFormat());
    }
}
