package dev.sluice.connectors.kafka;

import dev.sluice.batch.Chunk;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
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
    /** Per-partition fetch size when the user sets none (Kafka's default is 1 MiB). */
    static final int STREAMED_FETCH_BYTES = 8 << 20;

    private final KafkaSourceOptions options;
    private final KafkaConsumer<byte[], byte[]> consumer;

    KafkaRecordFetcher(KafkaSourceOptions options) {
        this.options = options;
        this.consumer = new KafkaConsumer<>(consumerProperties(options));
    }

    /** The settings of a consumer that reads exact ranges: byte arrays, no auto-commit, no offset reset. */
    static Map<String, Object> consumerProperties(KafkaSourceOptions options) {
        Map<String, Object> props = new HashMap<>(options.kafkaParams);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, options.groupId);
        // a batch is read one partition at a time (stream): larger fetches of that one partition make up for
        // fetching one partition per round trip; bounded, and the user's kafka.max.partition.fetch.bytes wins
        props.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, STREAMED_FETCH_BYTES);
        return props;
    }

    /**
     * The records of {@code ranges} (partition → {from, until}), in partition order then offset order.
     * Records no longer in the log are a data loss finding for {@code dataLoss}: thrown under
     * {@code failOnDataLoss=true}, otherwise the readable part of the range is returned.
     */
    List<Chunk> fetch(Map<TopicPartition, long[]> ranges, KafkaOffsetReader.DataLossReporter dataLoss) {
        List<Chunk> out = new ArrayList<>();
        stream(ranges, dataLoss).forEachRemaining(out::add);
        return out;
    }

    /**
     * The same records as {@link #fetch}, in the same order and chunks, read as the iterator is advanced: one
     * partition at a time, a poll at a time, so only a chunk or two of records is in memory at once. The
     * iterator uses this fetcher's consumer until it is exhausted (or abandoned: the next call reassigns it).
     */
    Iterator<Chunk> stream(Map<TopicPartition, long[]> ranges, KafkaOffsetReader.DataLossReporter dataLoss) {
        TreeMap<TopicPartition, long[]> wanted = new TreeMap<>(PartitionOffsets.ORDER);
        ranges.forEach((tp, r) -> {
            if (r[1] > r[0]) {
                wanted.put(tp, r.clone());
            }
        });
        if (wanted.isEmpty()) {
            return Collections.emptyIterator();
        }
        consumer.assign(wanted.keySet());
        checkAvailable(wanted, dataLoss);
        return new PartitionReader(wanted, dataLoss);
    }

    /** Reads the wanted ranges partition after partition into chunks, on demand. */
    private final class PartitionReader implements Iterator<Chunk> {
        private final TreeMap<TopicPartition, long[]> wanted;
        private final KafkaOffsetReader.DataLossReporter dataLoss;
        private final Deque<Chunk> ready = new ArrayDeque<>();
        private final KafkaRecordSchema.ChunkBuilder builder = new KafkaRecordSchema.ChunkBuilder(options.includeHeaders);
        private TopicPartition current;
        private long[] range;
        private long deadline;
        private boolean finished;

        PartitionReader(TreeMap<TopicPartition, long[]> wanted, KafkaOffsetReader.DataLossReporter dataLoss) {
            this.wanted = wanted;
            this.dataLoss = dataLoss;
        }

        @Override
        public boolean hasNext() {
            fill();
            return !ready.isEmpty();
        }

        @Override
        public Chunk next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }

        private void fill() {
            while (ready.isEmpty() && !finished) {
                if (current == null) {
                    var next = wanted.pollFirstEntry();
                    if (next == null) {
                        ready.addAll(builder.build());
                        finished = true;
                        consumer.unsubscribe();
                        return;
                    }
                    current = next.getKey();
                    range = next.getValue();
                    consumer.assign(List.of(current));
                    consumer.seek(current, range[0]);
                    deadline = System.currentTimeMillis() + options.pollTimeoutMs;
                }
                pollCurrent();
            }
        }

        private void pollCurrent() {
            ConsumerRecords<byte[], byte[]> polled;
            try {
                polled = consumer.poll(Duration.ofMillis(Math.max(1, Math.min(1000,
                        deadline - System.currentTimeMillis()))));
            } catch (OffsetOutOfRangeException e) {
                skipLost();
                return;
            }
            if (!polled.isEmpty()) {
                deadline = System.currentTimeMillis() + options.pollTimeoutMs;
            }
            for (ConsumerRecord<byte[], byte[]> r : polled.records(current)) {
                if (r.offset() >= range[0] && r.offset() < range[1]) {
                    builder.add(r);
                }
            }
            ready.addAll(builder.takeFull());
            if (consumer.position(current) >= range[1]) {
                current = null;
            } else if (System.currentTimeMillis() > deadline) {
                throw new KafkaConnectorException("KAFKA_FETCH_TIMEOUT", "Failed to get records for " + current
                        + " in offset range [" + range[0] + ", " + range[1] + ") (now at " + consumer.position(current)
                        + ") after polling for " + options.pollTimeoutMs
                        + " ms (option kafkaConsumer.pollTimeoutMs).", "58030", null);
            }
        }

        /** The records at the position were deleted: a data loss finding; reading goes on from what is left. */
        private void skipLost() {
            long earliest = consumer.beginningOffsets(List.of(current)).get(current);
            long latest = consumer.endOffsets(List.of(current)).get(current);
            long position = consumer.position(current);
            dataLoss.report(KafkaErrors.couldNotReadOffsetRange(current, position, range[1], earliest, latest));
            if (earliest >= range[1]) {
                current = null;
            } else {
                consumer.seek(current, Math.max(position, earliest));
            }
        }
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

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
