package dev.sluice.connectors.kafka;

import dev.sluice.batch.Chunk;
import dev.sluice.spi.BatchRows;
import dev.sluice.sql.Dataset;
import dev.sluice.sql.Row;
import dev.sluice.sql.SluiceSession;
import dev.sluice.sql.types.StructType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch read of Kafka (Spark's {@code KafkaRelation}, what {@code session.read().format("kafka")} does):
 * the records between {@code startingOffsets} (default {@code earliest}) and {@code endingOffsets} (default
 * {@code latest}), resolved once per {@link #read()} call, with the source's schema and options. The ranges
 * are read by manual assignment and seek, so reading the same explicit offsets twice gives the same rows.
 * Offsets outside the retained log follow {@code failOnDataLoss}. One reader serves any number of
 * {@link #read()} calls from one thread at a time; each call opens and closes its own clients.
 */
public final class KafkaBatchReader {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaBatchReader.class);

    private final KafkaSourceOptions options;

    /**
     * Checks the options (same names as the streaming source plus {@code endingOffsets},
     * {@code endingTimestamp}, {@code endingOffsetsByTimestamp}).
     *
     * @throws dev.sluice.sql.AnalysisException {@code KAFKA_INVALID_OPTION} for missing or invalid options
     */
    public KafkaBatchReader(Map<String, String> options) {
        this.options = KafkaSourceOptions.forBatch(Objects.requireNonNull(options, "options is null"));
    }

    /** A batch DataFrame of the records between the starting and ending offsets, read now. */
    public static Dataset<Row> load(SluiceSession session, Map<String, String> options) {
        KafkaBatchReader reader = new KafkaBatchReader(options);
        return BatchRows.toDataset(session, reader.schema(), reader.read());
    }

    public StructType schema() {
        return KafkaRecordSchema.schema(options.includeHeaders);
    }

    /**
     * Resolves the bounds against the brokers and reads the records, partitions in topic/partition order.
     *
     * @throws KafkaConnectorException on data loss under {@code failOnDataLoss=true} or unreachable brokers
     */
    public List<Chunk> read() {
        try (KafkaOffsetReader offsets = new KafkaOffsetReader(options);
             KafkaRecordFetcher fetcher = new KafkaRecordFetcher(options)) {
            Set<TopicPartition> partitions = offsets.partitions();
            TreeMap<TopicPartition, Long> from = offsets.resolve(options.starting, partitions, "startingOffsets",
                    this::reportDataLoss);
            TreeMap<TopicPartition, Long> until = offsets.resolve(options.ending, partitions, "endingOffsets",
                    this::reportDataLoss);
            Map<TopicPartition, long[]> ranges = new HashMap<>();
            for (var e : from.entrySet()) {
                long end = until.get(e.getKey());
                if (end < e.getValue()) {
                    throw KafkaErrors.invalidOption("The ending offset " + end + " of " + e.getKey() + " is before its"
                            + " starting offset " + e.getValue() + ".");
                }
                ranges.put(e.getKey(), new long[] {e.getValue(), end});
            }
            return fetcher.fetch(ranges, this::reportDataLoss);
        }
    }

    private void reportDataLoss(KafkaConnectorException finding) {
        if (options.failOnDataLoss) {
            throw finding;
        }
        LOG.warn("{} Continuing because failOnDataLoss is false.", finding.getMessage());
    }

    @Override
    public String toString() {
        return "KafkaRelation[" + options.topics.describe() + "]";
    }
}
