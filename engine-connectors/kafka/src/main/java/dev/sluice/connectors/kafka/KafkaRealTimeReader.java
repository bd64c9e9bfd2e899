package dev.sluice.connectors.kafka;

import dev.sluice.batch.Chunk;
import dev.sluice.spi.Offset;
import dev.sluice.spi.RealTimeReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * records this reader returned (the replay contract of {@link dev.sluice.spi.SupportsRealTime}). Partitions
 * added while an epoch runs are picked up by the next epoch. Used by the query's execution thread only.
 */
final class KafkaRealTimeReader implements RealTimeReader {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaOffsetReader.DataLossReporter dataLoss;
    private final KafkaRecordSchema.ChunkBuilder builder;
    private final TreeMap<TopicPartition, Long> position = PartitionOffsets.newMap();

    KafkaRealTimeReader(KafkaSourceOptions options, Map<TopicPartition, Long> start,
                        KafkaOffsetReader.DataLossReporter dataLoss) {
        Map<String, Object> props = KafkaRecordFetcher.consumerProperties(options);
        // a record must reach the query as soon as the broker has it, not when a larger fetch fills up
        props.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 1);
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

    @Override
    public Offset offset() {
        return new KafkaSourceOffset(position);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
