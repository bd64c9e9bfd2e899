package dev.sluice.connectors.kafka;

import dev.sluice.batch.Chunk;
import dev.sluice.spi.Offset;
import dev.sluice.spi.RealTimeReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;

/**
 * The Kafka source in real-time mode: one consumer, assigned (never subscribed) to every partition of the
 * epoch's start offsets and sought there, polled in a loop; each poll's records become chunks at once. The
 * offset after a poll is the consumer's position per partition, which is past any transaction markers or
 * aborted records it skipped, so {@code read(start, offset())} of the micro-batch source returns exactly the
 * records this reader returned (the replay contract of {@link dev.sluice.spi.SupportsRealTime}). The reader lives
 * across epochs; when the topics' partitions changed, checked between epochs, the engine opens a new one, so added
 * partitions are read from the next epoch on. Used by the query's execution thread only.
 */
final class KafkaRealTimeReader implements RealTimeReader {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaOffsetReader.DataLossReporter dataLoss;
    private final KafkaRecordSchema.ChunkBuilder builder;
    private final TreeMap<TopicPartition, Long> position = PartitionOffsets.newMap();
    private final Supplier<Set<TopicPartition>> partitions;

    KafkaRealTimeReader(KafkaSourceOptions options, Map<TopicPartition, Long> start, Supplier<Set<TopicPartition>> partitions,
                        KafkaOffsetReader.DataLossReporter dataLoss) {
        this.partitions = partitions;
        Map<String, Object> props = KafkaRecordFetcher.consumerProperties(options);
        // a query that fell behind catches up in larger steps (Kafka's default hands out 500 records per poll)
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20_000);
        this.consumer = new KafkaConsumer<>(props);
        this.dataLoss = dataLoss;
        this.builder = new KafkaRecordSchema.ChunkBuilder(options.includeHeaders);
        position.putAll(start);
        consumer.assign(start.keySet());
        start.forEach(consumer::seek);
    }

    @Override
    public List<Chunk> poll(long timeoutMs) throws InterruptedException {
        if (position.isEmpty()) {
            Thread.sleep(timeoutMs);
            return List.of();
        }
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(Duration.ofMillis(timeoutMs));
        } catch (InterruptException e) {
            throw new InterruptedException("real-time Kafka read interrupted");
        } catch (OffsetOutOfRangeException e) {
            skipLost(e);
            return List.of();
        }
        for (ConsumerRecord<byte[], byte[]> r : records) {
            builder.add(r);
        }
        for (TopicPartition tp : position.keySet()) {
            position.put(tp, consumer.position(tp));
        }
        builder.build();
        return builder.takeFull();
    }

    /** Records at a partition's position were deleted: a data-loss finding; reading goes on from the earliest. */
    private void skipLost(OffsetOutOfRangeException e) {
        Map<TopicPartition, Long> earliest = consumer.beginningOffsets(e.partitions());
        Map<TopicPartition, Long> latest = consumer.endOffsets(e.partitions());
        for (TopicPartition tp : e.partitions()) {
            long at = position.get(tp);
            dataLoss.report(KafkaErrors.couldNotReadOffsetRange(tp, at, latest.get(tp), earliest.get(tp), latest.get(tp)));
            consumer.seek(tp, Math.max(at, earliest.get(tp)));
        }
    }

    /** Between epochs: partitions were added or deleted since this reader was opened. */
    @Override
    public boolean reopenAtEpochEnd() {
        return !partitions.get().equals(position.keySet());
    }

    @Override
    public Offset offset() {
        return new KafkaSourceOffset(position);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
