package dev.sluice.stream.connector;

import dev.sluice.spi.BatchContext;
import dev.sluice.spi.BatchWriter;
import dev.sluice.spi.Sink;

/**
 * Runs each batch and discards its rows as they arrive (for benchmarks), as Spark's {@code noop} sink.
 * Stateless; nothing to recover after a crash.
 */
public final class NoopSink implements Sink {
    @Override
    public BatchWriter newBatchWriter(BatchContext batch) {
        return BatchWriter.discarding();
    }

    @Override
    public boolean supportsRealTime() {
        return true;
    }

    @Override
    public String description() {
        return "NoopSink";
    }
}
