package dev.sluice.connectors.kafka;

import dev.sluice.spi.SinkContext;
import dev.sluice.sql.AnalysisException;
import dev.sluice.spi.BatchContext;
import dev.sluice.spi.BatchRows;
import dev.sluice.spi.BatchWriter;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.SaveMode;
import dev.sluice.sql.SluiceSession;
import dev.sluice.spi.BatchFormatProvider;
import dev.sluice.sql.streaming.OutputMode;
import dev.sluice.sql.types.StructType;
import java.util.List;
import java.util.Map;

/**
 * {@code session.read().format("kafka")} and {@code df.write().format("kafka")}: batch reads between
 * {@code startingOffsets} and {@code endingOffsets} ({@link KafkaBatchReader}), and batch writes with the
 * streaming sink's row-to-record rules, at-least-once, as Spark's. Stateless and thread-safe.
 */
public final class KafkaBatchProvider implements BatchFormatProvider {
    @Override
    public String shortName() {
        return "kafka";
    }

    @Override
    public Dataset<Row> read(SluiceSession session, Map<String, String> options, StructType schema, List<String> paths) {
        if (schema != null) {
            throw new AnalysisException("_LEGACY_ERROR_TEMP_1178", "Kafka source has a fixed schema and cannot be set"
                    + " with a custom one", null);
        }
        if (!paths.isEmpty()) {
            throw KafkaErrors.invalidOption("The Kafka source reads topics, not paths: " + paths);
        }
        return KafkaBatchReader.load(session, options);
    }

    @Override
    public void write(Dataset<Row> data, Map<String, String> options, SaveMode mode, List<String> partitionColumns,
                      String path) {
        if (mode != SaveMode.Append && mode != SaveMode.ErrorIfExists) {
            throw new AnalysisException("_LEGACY_ERROR_TEMP_1119", "Save mode " + mode + " not allowed for Kafka."
                    + " Allowed save modes are Append and ErrorIfExists (default).", null);
        }
        if (!partitionColumns.isEmpty() || path != null) {
            throw KafkaErrors.invalidOption("The Kafka sink writes topics: partitionBy and paths are not supported");
        }
        KafkaSink sink = new KafkaSink(new KafkaSinkOptions(new SinkContext(data.sparkSession(), data.schema(),
                options, OutputMode.Append(), null)), data.schema());
        try {
            BatchWriter writer = sink.newBatchWriter(new BatchContext("batch", 0, "", OutputMode.Append(),
                    data.schema(), rows -> data.toDF()));
            BatchWriter.writeBatch(writer, out -> BatchRows.forEach(data, out));
        } finally {
            sink.stop();
        }
    }
}
