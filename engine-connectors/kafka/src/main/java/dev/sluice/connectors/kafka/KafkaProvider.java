package dev.sluice.connectors.kafka;

import dev.sluice.spi.Sink;
import dev.sluice.spi.SinkContext;
import dev.sluice.spi.Source;
import dev.sluice.spi.SourceContext;
import dev.sluice.spi.StreamingProvider;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.streaming.OutputMode;
import dev.sluice.sql.types.StructType;
import java.util.Set;

/**
 * {@code format("kafka")} for {@code readStream()} ({@link KafkaMicroBatchSource}) and
 * {@code writeStream()} ({@link KafkaSink}). Options are checked when the query is defined ({@code load()})
 * or started ({@code start()}), never on the first record. A user schema is rejected: the source's schema
 * is fixed. Batch reads: {@link KafkaBatchReader}. Stateless and thread-safe.
 */
public final class KafkaProvider implements StreamingProvider {
    @Override
    public String shortName() {
        return "kafka";
    }

    /** Its sources implement {@code SupportsRealTime}. */
    @Override
    public boolean sourceSupportsRealTime() {
        return true;
    }

    @Override
    public StructType sourceSchema(SourceContext context) {
        if (context.userSchema() != null) {
            throw new AnalysisException("_LEGACY_ERROR_TEMP_1135", "Kafka source has a fixed schema and cannot be set"
                    + " with a custom one", null);
        }
        return KafkaRecordSchema.schema(KafkaSourceOptions.forStream(context.options()).includeHeaders);
    }

    @Override
    public Source createSource(SourceContext context) {
        return new KafkaMicroBatchSource(KafkaSourceOptions.forStream(context.options()), context.metadataPath());
    }

    @Override
    public Sink createSink(SinkContext context) {
        return new KafkaSink(new KafkaSinkOptions(context), context.schema());
    }

    /** Append and update, as Spark (complete would re-send the whole result every batch; Spark allows it too). */
    @Override
    public Set<OutputMode> supportedOutputModes() {
        return Set.of(OutputMode.Append(), OutputMode.Update(), OutputMode.Complete());
    }
}
