package dev.sluice.connectors.text;

import dev.sluice.connectors.file.FileFormatProvider;

/**
 * Registers the {@code text} format with the batch API ({@code session.read().format("text")},
 * {@code dataset.write().format("text")}) through {@code META-INF/services}. Stateless and thread-safe.
 */
public final class TextProvider extends FileFormatProvider {
    public TextProvider() {
        super(new TextFormat());
    }
}
