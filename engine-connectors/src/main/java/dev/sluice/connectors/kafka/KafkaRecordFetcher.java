package dev.sluice.connectors.kafka;

import dev.sluice.batch.Chunk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads exact offset ranges {@code [from, until)} per partition with one {@link KafkaConsumer} by manual
 * {@code assign} + {@code seek} (never group subscription, never committing offsets), so the same range
 * always yields the same records while they are retained. Under {@code read_committed} records of aborted
 * transactions and transaction markers are skipped; the range still ends at {@code until}. Used from one
 * thread at a time; {@link #close()} once.
 */
final class KafkaRecordFetcher implements AutoCloseable {
    private final KafkaSourceOptions options;
    private final KafkaConsumer<byte[], byte[]> consumer;

    KafkaRecordFetcher(KafkaSourceOptions options) {
        this.options = options;
        Map<String, Object> props = new HashMap<>(options.kafkaParams);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, options.groupId);
        this.consumer = new KafkaConsumer<>(props);
    }

    /**
     * The records of {@code ranges} (partition → {from, until}), in partition order then offset order.
     * Records no longer in the log are a data loss finding for {@code dataLoss}: thrown under
     * {@code failOnDataLoss=true}, otherwise the readable part of the range is returned.
     */
    List<Chunk> fetch(Map<TopicPartition, long[]> ranges, KafkaOffsetReader.DataLossReporter dataLoss) {
        TreeMap<TopicPartition, long[]> wanted = new TreeMap<>(PartitionOffsets.ORDER);
        ranges.forEach((tp, r) -> {
            if (r[1] > r[0]) {
                wanted.put(tp, r.clone());
            }
        });
        if (wanted.isEmpty()) {
            return List.of();
        }
        consumer.assign(wanted.keySet());
        try {
            return read(wanted, dataLoss);
        } finally {
            consumer.unsubscribe();
        }
    }

    private List<Chunk> read(TreeMap<TopicPartition, long[]> wanted, KafkaOffsetReader.DataLossReporter dataLoss) {
        checkAvailable(wanted, dataLoss);
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> records = new HashMap<>();
        wanted.forEach((tp, r) -> {
            records.put(tp, new ArrayList<>());
            consumer.seek(tp, r[0]);
        });
        long deadline = System.currentTimeMillis() + options.pollTimeoutMs;
        while (!wanted.isEmpty()) {
            ConsumerRecords<byte[], byte[]> polled;
            try {
                polled = consumer.poll(Duration.ofMillis(Math.max(1, Math.min(1000, deadline - System.currentTimeMillis()))));
            } catch (OffsetOutOfRangeException e) {
                skipLost(e.partitions(), wanted, dataLoss);
                continue;
            }
            if (!polled.isEmpty()) {
                deadline = System.currentTimeMillis() + options.pollTimeoutMs;
            }
            for (TopicPartition tp : polled.partitions()) {
                long[] range = wanted.get(tp);
                if (range == null) {
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> r : polled.records(tp)) {
                    if (r.offset() >= range[0] && r.offset() < range[1]) {
                        records.get(tp).add(r);
                    }
                }
            }
            List<TopicPartition> done = new ArrayList<>();
            for (var e : wanted.entrySet()) {
                if (consumer.position(e.getKey()) >= e.getValue()[1]) {
                    done.add(e.getKey());
                }
            }
            done.forEach(wanted::remove);
            consumer.pause(done);
            if (!wanted.isEmpty() && System.currentTimeMillis() > deadline) {
                var first = wanted.firstEntry();
                throw new KafkaConnectorException("KAFKA_FETCH_TIMEOUT", "Failed to get records for "
                        + first.getKey() + " in offset range [" + first.getValue()[0] + ", " + first.getValue()[1]
                        + ") (now at " + consumer.position(first.getKey()) + ") after polling for "
                        + options.pollTimeoutMs + " ms (option kafkaConsumer.pollTimeoutMs).", "58030", null);
            }
        }
        KafkaRecordSchema.ChunkBuilder builder = new KafkaRecordSchema.ChunkBuilder(options.includeHeaders);
        TreeMap<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> ordered = new TreeMap<>(PartitionOffsets.ORDER);
        ordered.putAll(records);
        ordered.values().forEach(list -> list.forEach(builder::add));
        return builder.build();
    }

    /** Compares the ranges with what the log holds now; narrows them where data was lost and allowed. */
    private void checkAvailable(TreeMap<TopicPartition, long[]> wanted, KafkaOffsetReader.DataLossReporter dataLoss) {
        Map<TopicPartition, Long> earliest = consumer.beginningOffsets(wanted.keySet());
        Map<TopicPartition, Long> latest = consumer.endOffsets(wanted.keySet());
        for (var it = wanted.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            TopicPartition tp = e.getKey();
            long[] r = e.getValue();
            long first = earliest.get(tp);
            long end = latest.get(tp);
            if (r[0] < first || r[1] > end) {
                dataLoss.report(KafkaErrors.couldNotReadOffsetRange(tp, r[0], r[1], first, end));
                r[0] = Math.max(r[0], first);
                r[1] = Math.min(r[1], end);
                if (r[1] <= r[0]) {
                    it.remove();
                }
            }
        }
    }

    private void skipLost(Set<TopicPartition> partitions, TreeMap<TopicPartition, long[]> wanted,
                          KafkaOffsetReader.DataLossReporter dataLoss) {
        Map<TopicPartition, Long> earliest = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> latest = consumer.endOffsets(partitions);
        for (TopicPartition tp : partitions) {
            long[] r = wanted.get(tp);
            if (r == null) {
                continue;
            }
            long position = consumer.position(tp);
            dataLoss.report(KafkaErrors.couldNotReadOffsetRange(tp, position, r[1], earliest.get(tp), latest.get(tp)));
            if (earliest.get(tp) >= r[1]) {
                wanted.remove(tp);
                consumer.pause(List.of(tp));
            } else {
                consumer.seek(tp, Math.max(position, earliest.get(tp)));
            }
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
