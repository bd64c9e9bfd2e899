package dev.sluice.connectors.kafka;

import dev.sluice.batch.Chunk;
import dev.sluice.spi.ConnectorCheckpoints;
import dev.sluice.spi.Offset;
import dev.sluice.spi.ReadLimit;
import dev.sluice.spi.RealTimeReader;
import dev.sluice.spi.Source;
import dev.sluice.spi.SupportsRealTime;
import dev.sluice.sql.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming Kafka source ({@code readStream().format("kafka")}), Spark's {@code KafkaMicroBatchStream}.
 *
 * <p>Offsets: the source's offset is, per topic-partition, the next offset to read
 * ({@link KafkaSourceOffset}). A batch covers {@code [previous end, end)} of every partition. The first
 * batch starts at the offsets resolved from {@code startingOffsets}/{@code startingTimestamp}/
 * {@code startingOffsetsByTimestamp}; they are written once to {@code sources/<n>/0} in the checkpoint, so a
 * restart before the first commit starts from the same place even with {@code latest}. Partitions that
 * appear later (new partitions of a subscribed topic, new topics matching a pattern) are read from their
 * earliest offset.
 *
 * <p>Crash guarantees: records are read with manual assignment and seek, never through a consumer group
 * and never committing offsets to Kafka, so a batch re-run after a crash reads exactly the records of the
 * logged range, as long as Kafka still retains them (with {@code read_committed}: the committed ones). The
 * source thus gives exactly-once input to the engine; end-to-end exactly-once then depends on the sink.
 * Records no longer retained (retention, {@code deleteRecords}, deleted topics or partitions, offsets that
 * went backwards after a topic was recreated) are data loss: with {@code failOnDataLoss=true} (default) the
 * query fails with a {@code KAFKA_DATA_LOSS.*} error naming the topic-partition and offsets; with
 * {@code false} a warning is logged and reading continues with what is left.
 *
 * <p>Rate limits: {@code maxOffsetsPerTrigger} caps a batch, split over partitions in proportion to their
 * backlog (each partition with data gets at least one record). {@code minOffsetsPerTrigger} delays a batch
 * until that many records are available or {@code maxTriggerDelay} passed since the last batch. Both are
 * ignored by {@code Trigger.Once}; {@code Trigger.AvailableNow} stops at the offsets available when the
 * query started.
 *
 * <p>Threading: called from the query's execution thread only (see {@link Source}).
 */
final class KafkaMicroBatchSource implements Source, SupportsRealTime {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaMicroBatchSource.class);

    private final KafkaSourceOptions options;
    private final Path metadataPath;
    private final KafkaOffsetReader offsetReader;
    private KafkaRecordFetcher fetcher;
    private KafkaSourceOffset initialOffsets;
    private KafkaSourceOffset latestSeen;
    private Map<TopicPartition, Long> availableNowEnd;
    /** Under AvailableNow: where the run started, per partition (for the offsets-to-do metrics). */
    private Map<TopicPartition, Long> availableNowBegin;
    private long lastTriggerMillis;

    KafkaMicroBatchSource(KafkaSourceOptions options, String metadataPath) {
        this.options = options;
        // the engine's folder string: a local path or a remote checkpoint URI
        this.metadataPath = metadataPath == null ? null : ConnectorCheckpoints.resolveLocation(metadataPath);
        this.offsetReader = new KafkaOffsetReader(options);
    }

    @Override
    public StructType schema() {
        return KafkaRecordSchema.schema(options.includeHeaders);
    }

    /**
     * {@code maxOffsetsPerTrigger} as a row limit; with only {@code minOffsetsPerTrigger} an unbounded row
     * limit, so that the trigger's "read everything" ({@code Trigger.Once}) can be told apart and skips the
     * delay.
     */
    @Override
    public ReadLimit defaultReadLimit() {
        if (options.maxOffsetsPerTrigger != Long.MAX_VALUE || options.minOffsetsPerTrigger > 0) {
            return ReadLimit.maxRows(options.maxOffsetsPerTrigger);
        }
        return ReadLimit.allAvailable();
    }

    @Override
    public Offset latestOffset(Offset start, ReadLimit limit) {
        Map<TopicPartition, Long> from = start == null ? initialOffsets().partitionOffsets() : offsets(start);
        Set<TopicPartition> partitions = offsetReader.partitions();
        TreeMap<TopicPartition, Long> latest;
        if (availableNowEnd != null) {
            latest = PartitionOffsets.newMap();
            latest.putAll(availableNowEnd);
        } else {
            latest = offsetReader.latest(partitions);
        }
        latestSeen = new KafkaSourceOffset(latest);
        List<TopicPartition> deleted = from.keySet().stream().filter(tp -> !latest.containsKey(tp)).toList();
        if (!deleted.isEmpty() && availableNowEnd == null) {
            reportDataLoss(KafkaErrors.partitionsDeleted(deleted));
        }
        Map<TopicPartition, Long> begin = new HashMap<>(from);
        List<TopicPartition> added = latest.keySet().stream().filter(tp -> !from.containsKey(tp)).toList();
        begin.putAll(offsetReader.earliest(added));
        if (availableNowEnd != null && availableNowBegin == null) {
            availableNowBegin = Map.copyOf(begin);
        }
        if (limit.kind() == ReadLimit.Kind.MAX_ROWS && options.minOffsetsPerTrigger > 0 && start != null
                && delayBatch(begin, latest)) {
            return start;
        }
        Map<TopicPartition, Long> end = limit.kind() == ReadLimit.Kind.MAX_ROWS && limit.max() != Long.MAX_VALUE
                ? rateLimit(limit.max(), begin, latest) : latest;
        return new KafkaSourceOffset(end);
    }

    private boolean delayBatch(Map<TopicPartition, Long> begin, Map<TopicPartition, Long> latest) {
        long available = 0;
        for (var e : latest.entrySet()) {
            available += Math.max(0, e.getValue() - begin.getOrDefault(e.getKey(), e.getValue()));
        }
        long now = System.currentTimeMillis();
        if (available < options.minOffsetsPerTrigger && now - lastTriggerMillis < options.maxTriggerDelayMs) {
            LOG.debug("Delaying batch: {} records available, minOffsetsPerTrigger is {}", available,
                    options.minOffsetsPerTrigger);
            return true;
        }
        lastTriggerMillis = now;
        return false;
    }

    /** Spark's proration: each partition gets its share of {@code limit}, at least one record when it has data. */
    static Map<TopicPartition, Long> rateLimit(long limit, Map<TopicPartition, Long> from,
                                               Map<TopicPartition, Long> until) {
        Map<TopicPartition, Long> sizes = new HashMap<>();
        double total = 0;
        for (var e : until.entrySet()) {
            Long begin = from.get(e.getKey());
            if (begin != null && e.getValue() - begin > 0) {
                sizes.put(e.getKey(), e.getValue() - begin);
                total += e.getValue() - begin;
            }
        }
        if (total < 1) {
            return until;
        }
        TreeMap<TopicPartition, Long> out = PartitionOffsets.newMap();
        for (var e : until.entrySet()) {
            Long size = sizes.get(e.getKey());
            if (size == null) {
                out.put(e.getKey(), e.getValue());
                continue;
            }
            long begin = from.get(e.getKey());
            double prorate = limit * (size / total);
            long share = (long) (prorate < 1 ? Math.ceil(prorate) : Math.floor(prorate));
            long offset = share > Long.MAX_VALUE - begin ? Long.MAX_VALUE : begin + share;
            out.put(e.getKey(), Math.min(e.getValue(), offset));
        }
        return out;
    }

    @Override
    public void prepareForTriggerAvailableNow() {
        Set<TopicPartition> partitions = offsetReader.partitions();
        availableNowEnd = offsetReader.latest(partitions);
    }

    @Override
    public Offset reportLatestOffset() {
        return latestSeen;
    }

    /**
     * Spark's Kafka source metrics: over the partitions of the latest offsets seen, how many offsets each is behind
     * {@code latestConsumed} ({@code minOffsetsBehindLatest}, {@code maxOffsetsBehindLatest},
     * {@code avgOffsetsBehindLatest}), and under AvailableNow how many offsets the run has and has left; empty
     * before the first batch.
     */
    @Override
    public Map<String, String> metrics(Offset latestConsumed) {
        if (latestConsumed == null || latestSeen == null) {
            return Map.of();
        }
        Map<TopicPartition, Long> consumed = offsets(latestConsumed);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long sum = 0;
        int count = 0;
        for (Map.Entry<TopicPartition, Long> latest : latestSeen.partitionOffsets().entrySet()) {
            Long done = consumed.get(latest.getKey());
            if (done != null) { // a partition new since the batch was planned: not behind anything consumed yet
                long behind = latest.getValue() - done;
                min = Math.min(min, behind);
                max = Math.max(max, behind);
                sum += behind;
                count++;
            }
        }
        if (count == 0) {
            return Map.of();
        }
        Map<String, String> metrics = new java.util.LinkedHashMap<>();
        metrics.put("minOffsetsBehindLatest", Long.toString(min));
        metrics.put("maxOffsetsBehindLatest", Long.toString(max));
        metrics.put("avgOffsetsBehindLatest", Double.toString((double) sum / count));
        if (availableNowEnd != null && availableNowBegin != null) {
            availableNowMetrics(consumed, metrics);
        }
        return metrics;
    }

    /**
     * Sluice's AvailableNow figures (no Spark counterpart; they drive the console progress bar as the file source's
     * file counts do): {@code numOffsetsAvailableNow}, the offsets between where the run started and the end fixed
     * at its start, over all partitions, and {@code numOffsetsOutstanding}, those not consumed yet.
     */
    private void availableNowMetrics(Map<TopicPartition, Long> consumed, Map<String, String> metrics) {
        long total = 0;
        long outstanding = 0;
        for (Map.Entry<TopicPartition, Long> end : availableNowEnd.entrySet()) {
            Long begin = availableNowBegin.get(end.getKey());
            if (begin != null) {
                total += Math.max(0, end.getValue() - begin);
                outstanding += Math.max(0, end.getValue() - consumed.getOrDefault(end.getKey(), begin));
            }
        }
        metrics.put("numOffsetsAvailableNow", Long.toString(total));
        metrics.put("numOffsetsOutstanding", Long.toString(outstanding));
    }

    @Override
    public List<Chunk> read(Offset start, Offset end) {
        return fetcher().fetch(ranges(start, end), this::reportDataLoss);
    }

    /** As {@link #read}, one chunk at a time: records are polled partition by partition as chunks are taken. */
    @Override
    public java.util.Iterator<Chunk> readChunks(Offset start, Offset end) {
        return fetcher().stream(ranges(start, end), this::reportDataLoss);
    }

    private KafkaRecordFetcher fetcher() {
        if (fetcher == null) {
            fetcher = new KafkaRecordFetcher(options);
        }
        return fetcher;
    }

    /** The offset range of each partition between two batch offsets, with data-loss findings reported. */
    private Map<TopicPartition, long[]> ranges(Offset start, Offset end) {
        Map<TopicPartition, Long> from = start == null ? initialOffsets().partitionOffsets() : offsets(start);
        Map<TopicPartition, Long> until = offsets(end);
        List<TopicPartition> deleted = from.keySet().stream().filter(tp -> !until.containsKey(tp)).toList();
        if (!deleted.isEmpty()) {
            reportDataLoss(KafkaErrors.partitionsDeleted(deleted));
        }
        List<TopicPartition> added = until.keySet().stream().filter(tp -> !from.containsKey(tp)).toList();
        Map<TopicPartition, Long> addedStart = offsetReader.earliest(added);
        addedStart.forEach((tp, offset) -> {
            if (offset != 0) {
                reportDataLoss(KafkaErrors.addedPartitionDoesNotStartFromZero(tp, offset));
            }
        });
        Map<TopicPartition, long[]> ranges = new HashMap<>();
        for (var e : until.entrySet()) {
            TopicPartition tp = e.getKey();
            long begin = from.containsKey(tp) ? from.get(tp) : addedStart.getOrDefault(tp, 0L);
            if (e.getValue() < begin) {
                reportDataLoss(KafkaErrors.dataLoss("PARTITION_OFFSET_CHANGED", "Partition " + tp
                        + " offset was changed from " + begin + " to " + e.getValue() + "."));
                continue;
            }
            ranges.put(tp, new long[] {begin, e.getValue()});
        }
        return ranges;
    }

    private void reportDataLoss(KafkaConnectorException finding) {
        if (options.failOnDataLoss) {
            throw finding;
        }
        LOG.warn("{} Continuing because failOnDataLoss is false.", finding.getMessage());
    }

    /**
     * Real-time mode: a {@link KafkaRealTimeReader} from {@code start} (partitions it lacks start at their earliest
     * offset, as a micro-batch would read them; deleted ones are a data-loss finding).
     */
    @Override
    public RealTimeReader realTimeReader(Offset start) {
        Map<TopicPartition, Long> from = start == null ? initialOffsets().partitionOffsets() : offsets(start);
        Set<TopicPartition> partitions = offsetReader.partitions();
        List<TopicPartition> deleted = from.keySet().stream().filter(tp -> !partitions.contains(tp)).toList();
        if (!deleted.isEmpty()) {
            reportDataLoss(KafkaErrors.partitionsDeleted(deleted));
        }
        Map<TopicPartition, Long> begin = new HashMap<>(from);
        begin.keySet().retainAll(partitions);
        begin.putAll(offsetReader.earliest(partitions.stream().filter(tp -> !from.containsKey(tp)).toList()));
        return new KafkaRealTimeReader(options, begin, offsetReader::partitions, this::reportDataLoss);
    }

    @Override
    public Offset deserializeOffset(String json) {
        return KafkaSourceOffset.fromJson(json);
    }

    private static Map<TopicPartition, Long> offsets(Offset offset) {
        return offset instanceof KafkaSourceOffset k ? k.partitionOffsets()
                : KafkaSourceOffset.fromJson(offset.json()).partitionOffsets();
    }

    /** The offsets of the first batch: read from the checkpoint, or resolved now and written there. */
    private KafkaSourceOffset initialOffsets() {
        if (initialOffsets != null) {
            return initialOffsets;
        }
        Path file = metadataPath == null ? null : metadataPath.resolve("0");
        if (file != null && Files.exists(file)) {
            initialOffsets = KafkaSourceOffset.fromJson(ConnectorCheckpoints.readText(file, 1));
        } else {
            Set<TopicPartition> partitions = offsetReader.partitions();
            TreeMap<TopicPartition, Long> resolved = offsetReader.resolve(options.starting, partitions, "startingOffsets",
                    this::reportDataLoss);
            initialOffsets = new KafkaSourceOffset(resolved);
            if (file != null) {
                ConnectorCheckpoints.write(file, 1, initialOffsets.json());
            }
            LOG.info("Initial offsets of {}: {}", description(), initialOffsets.json());
        }
        return initialOffsets;
    }

    @Override
    public void stop() {
        List<RuntimeException> failures = new ArrayList<>();
        for (AutoCloseable c : new AutoCloseable[] {fetcher, offsetReader}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                failures.add(new IllegalStateException(e));
            }
        }
        if (!failures.isEmpty()) {
            LOG.warn("Closing the Kafka clients of {} failed: {}", description(), failures.get(0).toString());
        }
    }

    @Override
    public String description() {
        return "KafkaV2[" + options.topics.describe() + "]";
    }

    @Override
    public String toString() {
        return description();
    }
}
