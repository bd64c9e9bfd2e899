package dev.sluice.connectors.json;

import dev.sluice.connectors.file.FileFormatProvider;

/**
 * Registers the {@code json} format with the batch API ({@code session.read().format("json")},
 * {@code dataset.write().format("json")}) through {@code META-INF/services}. Stateless and thread-safe.
 */
public final class JsonProvider extends FileFormatProvider {
    public JsonProvider() {
        super(new JsonFormat());
    }
}
