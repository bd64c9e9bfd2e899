package dev.sluice.connectors.kafka;

import dev.sluice.batch.Chunk;
import dev.sluice.spi.BatchContext;
import dev.sluice.spi.BatchWriter;
import dev.sluice.spi.Sink;
import dev.sluice.sql.types.StructType;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka sink ({@code writeStream().format("kafka")}): each micro-batch's rows become records (see
 * {@link ProducerRecordProjection} for the columns) sent with one {@link KafkaProducer} kept for the whole
 * query run and closed by {@link #stop()}.
 *
 * <p><b>{@code deliveryGuarantee=at_least_once}</b> (default, Spark's only mode): an idempotent producer
 * sends the batch's records as its chunks arrive and {@code flush()}es when the batch commits; a send error
 * fails the batch.
 * Crash guarantee: every row of a batch whose commit was logged is in Kafka; a batch that was written
 * (fully or partly) but not yet logged as committed when the process died is written again when the query
 * restarts, so its rows may appear twice.
 *
 * <p><b>{@code deliveryGuarantee=exactly_once}</b>: a transactional producer whose
 * {@code transactional.id} is {@code <base>-0}, where {@code <base>} is the {@code transactionalIdPrefix}
 * option or {@code sluice-<query id>} (the id stored in the checkpoint's {@code metadata}, stable across
 * restarts of the query). Each non-empty micro-batch is one Kafka transaction that also commits, through
 * {@code sendOffsetsToTransaction}, a marker for group {@code <base>-commits}: for every topic-partition
 * written in the batch the committed "offset" is the batch id (metadata {@value #MARKER}). The marker
 * becomes visible exactly when the batch's records do. When the sink starts, {@code initTransactions()}
 * aborts a transaction left open by a previous run (and fences that run if it is still alive), then the
 * highest batch id in the marker group is read back; a batch with an id at or below it is skipped. Crash
 * guarantee: a consumer with {@code isolation.level=read_committed} sees every row of every batch exactly
 * once, whether the process died before, during or after the Kafka commit and before the engine logged the
 * batch as committed. Readers with {@code read_uncommitted} may still see records of aborted attempts.
 * Requires a broker that supports transactions, a stable checkpoint (or {@code transactionalIdPrefix}), and
 * that no two running queries share the base; the group {@code <base>-commits} must not be used by
 * consumers. A batch must commit within the producer's {@code transaction.timeout.ms} (default 60 s).
 *
 * <p>Producer settings: any {@code kafka.*} option; micro-batch queries default to {@code batch.size} 256 KiB and
 * {@code linger.ms} 100 ({@link #microBatchDefaults}).
 *
 * <p>{@code Trigger.RealTime}: see {@link #supportsRealTime()}.
 *
 * <p>Ordering: within a Kafka partition the records of a batch are appended in the order the plan produces its
 * rows (the order of a single-threaded run), whichever thread sends them. That is one of the orders Spark may
 * produce (Spark keeps each task's rows in order and interleaves tasks arbitrarily); records of a later batch
 * follow those of an earlier one.
 *
 * <p>Threading: {@link #newBatchWriter} and {@link #stop()} are used from the query's execution thread only. A
 * micro-batch writer's {@code write} (which projects the rows to records and hands them to the thread-safe
 * producer) runs on the engine's worker threads, where the chunks are produced
 * ({@link BatchWriter#writesOnWorkers()}: one call at a time, in order); its {@code commit}/{@code abort} on the
 * query thread.
 */
final class KafkaSink implements Sink {
    /** The metadata text of the batch markers committed with each transaction. */
    static final String MARKER = "sluice-kafka-sink-batch";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSink.class);

    private final KafkaSinkOptions options;
    private final ProducerRecordProjection projection;
    private Delivery delivery;

    /**
     * @throws dev.sluice.sql.AnalysisException when the schema does not fit (see {@link ProducerRecordProjection})
     */
    KafkaSink(KafkaSinkOptions options, StructType schema) {
        this.options = options;
        this.projection = new ProducerRecordProjection(schema, options.topic);
    }

    @Override
    public BatchWriter newBatchWriter(BatchContext batch) {
        if (delivery == null) {
            // real time: a record goes out as soon as it is sent (the user's kafka.linger.ms still wins)
            KafkaSinkOptions effective = batch.isRealTime() ? options.withDefault(ProducerConfig.LINGER_MS_CONFIG, "0")
                    : microBatchDefaults(options);
            delivery = options.guarantee == KafkaSinkOptions.DeliveryGuarantee.EXACTLY_ONCE
                    ? new TransactionalDelivery(effective, projection) : new AtLeastOnceDelivery(effective, projection);
        }
        return delivery.open(batch.batchId());
    }

    @Override
    public void stop() {
        if (delivery != null) {
            delivery.close();
            delivery = null;
        }
    }

    /**
     * Real-time mode: an epoch is one batch id; the producer sends with {@code linger.ms=0} unless the user set
     * it. At least once, each arrival's records go to Kafka at once; exactly once, an epoch is one transaction, so {@code read_committed} readers see its rows when the
     * epoch commits (latency up to the checkpoint interval), and the interval must stay below the producer's
     * {@code transaction.timeout.ms}.
     */
    @Override
    public boolean supportsRealTime() {
        return true;
    }

    @Override
    public String description() {
        return "KafkaSink[" + (options.topic == null ? "topic column" : "topic=" + options.topic) + ", deliveryGuarantee="
                + options.guarantee.name().toLowerCase(Locale.ROOT) + "]";
    }

    @Override
    public String toString() {
        return description();
    }

    /**
     * Micro-batches: the producer settings of a bulk write, unless the user set them ({@code kafka.batch.size},
     * {@code kafka.linger.ms}): producer batches of {@value #MICRO_BATCH_BATCH_SIZE} bytes instead of Kafka's 16 KiB
     * and {@value #MICRO_BATCH_LINGER_MS} ms of linger (Kafka Streams' own producer default) instead of 5 ms. A
     * micro-batch's rows arrive in bursts and the commit flushes, so the linger never delays a commit, while fewer,
     * fuller batches cost the producer and the broker less per record (W4: about 13% less process CPU per invoice,
     * benchmarks/README.md "W4").
     */
    static KafkaSinkOptions microBatchDefaults(KafkaSinkOptions options) {
        return options.withDefault(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(MICRO_BATCH_BATCH_SIZE))
                .withDefault(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(MICRO_BATCH_LINGER_MS));
    }

    /** {@code batch.size} of a micro-batch query's producer unless {@code kafka.batch.size} is set. */
    static final int MICRO_BATCH_BATCH_SIZE = 262_144;
    /** {@code linger.ms} of a micro-batch query's producer unless {@code kafka.linger.ms} is set. */
    static final int MICRO_BATCH_LINGER_MS = 100;

    /** Producer settings common to both modes. */
    static Map<String, Object> producerProperties(KafkaSinkOptions options) {
        Map<String, Object> props = new HashMap<>(options.kafkaParams);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    /** One way of getting a batch into Kafka. */
    interface Delivery extends AutoCloseable {
        /** The writer of batch {@code batchId}: records are sent as chunks arrive. */
        BatchWriter open(long batchId);

        @Override
        void close();
    }

    /** Send as chunks arrive, flush at commit, fail on the first error. */
    static final class AtLeastOnceDelivery implements Delivery {
        private final KafkaProducer<byte[], byte[]> producer;
        private final ProducerRecordProjection projection;

        AtLeastOnceDelivery(KafkaSinkOptions options, ProducerRecordProjection projection) {
            this.producer = new KafkaProducer<>(producerProperties(options));
            this.projection = projection;
        }

        @Override
        public BatchWriter open(long batchId) {
            AtomicReference<Exception> failure = new AtomicReference<>();
            AtomicReference<String> failedTopic = new AtomicReference<>();
            return new BatchWriter() {
                @Override
                public void write(Chunk chunk) {
                    for (ProducerRecord<byte[], byte[]> record : projection.records(chunk)) {
                        producer.send(record, (metadata, e) -> {
                            if (e != null && failure.compareAndSet(null, e)) {
                                failedTopic.set(record.topic());
                            }
                        });
                    }
                    throwIfFailed(batchId, failure, failedTopic);
                }

                /**
                 * Real-time mode: the records were handed to the producer with {@code linger.ms=0}, so they are on
                 * their way; waiting here for the broker's acknowledgement would add a round trip to every arrival.
                 * A failed send fails the epoch at the next write or at commit.
                 */
                @Override
                public void flush() {
                    throwIfFailed(batchId, failure, failedTopic);
                }

                @Override
                public void commit() {
                    producer.flush();
                    throwIfFailed(batchId, failure, failedTopic);
                }

                /** Sending runs where the chunks are produced (one write at a time, in order). */
                @Override
                public boolean writesOnWorkers() {
                    return true;
                }

                /** The rows are out already; the flush only waits for their acknowledgements (thread-safe). */
                @Override
                public boolean commitsOffThread() {
                    return true;
                }
            };
        }

        private static void throwIfFailed(long batchId, AtomicReference<Exception> failure,
                                          AtomicReference<String> topic) {
            if (failure.get() != null) {
                throw new KafkaConnectorException("KAFKA_SINK_WRITE_FAILED", "Writing batch " + batchId
                        + " to Kafka topic " + topic.get() + " failed: " + failure.get(), "58030", failure.get());
            }
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(10));
        }
    }

    static void logSkip(long batchId, long lastCommitted, String transactionalId) {
        LOG.info("Skipping batch {}: transactional.id {} already committed batch {} to Kafka", batchId, transactionalId,
                lastCommitted);
    }
}
