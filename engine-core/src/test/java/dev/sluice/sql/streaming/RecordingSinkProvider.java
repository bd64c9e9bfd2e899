package dev.sluice.sql.streaming;

import dev.sluice.batch.Chunk;
import dev.sluice.spi.BatchWriter;
import dev.sluice.spi.Sink;
import dev.sluice.spi.SinkContext;
import dev.sluice.spi.StreamingProvider;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test sink ({@code format("recording")}) that records what the engine calls on it, as text events:
 * {@code open <batch> <queryId> <mode>}, {@code write <rows>}, {@code commit <batch>}, {@code abort <batch>}.
 * With option {@code failOnBatch=N} the first write of batch N throws (once per JVM run of that query name).
 */
public final class RecordingSinkProvider implements StreamingProvider {
    /** Events of every recording sink, in call order. */
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();
    static final Set<String> FAILED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public String shortName() {
        return "recording";
    }

    @Override
    public Sink createSink(SinkContext context) {
        long failOn = Long.parseLong(context.option("failOnBatch", "-1"));
        String name = String.valueOf(context.queryName());
        return batch -> {
            EVENTS.add("open " + batch.batchId() + " " + batch.queryId() + " " + batch.outputMode());
            return new BatchWriter() {
                @Override
                public void write(Chunk rows) {
                    if (batch.batchId() == failOn && FAILED.add(name)) {
                        throw new IllegalStateException("sink failure on batch " + failOn);
                    }
                    EVENTS.add("write " + rows.rowCount());
                }

                @Override
                public void commit() {
                    EVENTS.add("commit " + batch.batchId());
                }

                @Override
                public void abort(Throwable cause) {
                    EVENTS.add("abort " + batch.batchId() + " " + cause.getMessage());
                }
            };
        };
    }

    @Override
    public Set<OutputMode> supportedOutputModes() {
        return Set.of(OutputMode.Append(), OutputMode.Update(), OutputMode.Complete());
    }
}
