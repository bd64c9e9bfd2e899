package dev.sluice.connectors.parquet;

import dev.sluice.connectors.file.FileStreamProvider;

/**
 * {@code readStream()/writeStream().format("parquet")}: the streaming file source and sink of connector-files on
 * the Parquet format, registered from this module so that the name exists only when connector-parquet is on the
 * class path. Stateless and thread-safe.
 */
public final class ParquetStreamProvider extends FileStreamProvider {
    public ParquetStreamProvider() {
        super("parquet");
    }
}
