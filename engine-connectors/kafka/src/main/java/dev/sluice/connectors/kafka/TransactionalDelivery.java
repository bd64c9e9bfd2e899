package dev.sluice.connectors.kafka;

import dev.sluice.batch.Chunk;
import dev.sluice.spi.BatchWriter;
import dev.sluice.connectors.support.SinkCheckpoint;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;

/**
 * The exactly-once delivery of {@link KafkaSink} (see there for the protocol): one transaction per
 * non-empty batch, carrying a batch-id marker committed to a dedicated consumer group. Single-threaded.
 */
final class TransactionalDelivery implements KafkaSink.Delivery {
    private final String base;
    private final String transactionalId;
    private final String markerGroup;
    private final KafkaProducer<byte[], byte[]> producer;
    private final ProducerRecordProjection projection;
    private long lastCommittedBatch;
    private boolean broken;

    TransactionalDelivery(KafkaSinkOptions options, ProducerRecordProjection projection) {
        this.projection = projection;
        this.base = options.transactionalIdPrefix != null ? options.transactionalIdPrefix
                : "sluice-" + SinkCheckpoint.queryId(options.checkpointLocation,
                        "KAFKA_SINK_NO_QUERY_ID");
        this.transactionalId = base + "-0";
        this.markerGroup = base + "-commits";
        Map<String, Object> props = KafkaSink.producerProperties(options);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        this.producer = new KafkaProducer<>(props);
        try {
            producer.initTransactions();
            this.lastCommittedBatch = readLastCommittedBatch(options);
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw KafkaErrors.broker("Could not start the exactly-once Kafka sink with transactional.id " + transactionalId,
                    e);
        }
    }

    /** The highest batch id among the committed markers of {@link #markerGroup}; -1 when none. */
    private long readLastCommittedBatch(KafkaSinkOptions options) {
        Map<String, Object> props = new HashMap<>(options.kafkaParams);
        props.keySet().removeIf(k -> !AdminClientConfig.configNames().contains(k));
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(markerGroup,
                    new ListConsumerGroupOffsetsOptions().requireStable(true)).partitionsToOffsetAndMetadata().get();
            long last = -1;
            for (OffsetAndMetadata o : offsets.values()) {
                if (o != null && KafkaSink.MARKER.equals(o.metadata())) {
                    last = Math.max(last, o.offset());
                }
            }
            return last;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KafkaErrors.broker("Interrupted while reading the committed batches of group " + markerGroup, e);
        } catch (ExecutionException e) {
            throw KafkaErrors.broker("Could not read the committed batches of group " + markerGroup, e);
        }
    }

    @Override
    public BatchWriter open(long batchId) {
        if (broken) {
            throw new KafkaConnectorException("KAFKA_SINK_FENCED", "The producer with transactional.id " + transactionalId
                    + " was fenced or failed fatally; restart the query.", "55000", null);
        }
        if (batchId <= lastCommittedBatch) {
            KafkaSink.logSkip(batchId, lastCommittedBatch, transactionalId);
            return BatchWriter.discarding();
        }
        return new TransactionWriter(batchId);
    }

    /**
     * One batch as one transaction, begun with the first non-empty chunk (an empty batch writes nothing) and
     * committed, with the batch's markers, by {@link #commit()}.
     */
    private final class TransactionWriter implements BatchWriter {
        private final long batchId;
        private final Map<TopicPartition, OffsetAndMetadata> markers = new ConcurrentHashMap<>();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private boolean inTransaction;

        TransactionWriter(long batchId) {
            this.batchId = batchId;
        }

        @Override
        public void write(Chunk chunk) {
            if (chunk.rowCount() == 0) {
                return;
            }
            try {
                if (!inTransaction) {
                    producer.beginTransaction();
                    inTransaction = true;
                }
                for (ProducerRecord<byte[], byte[]> record : projection.records(chunk)) {
                    producer.send(record, (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        } else {
                            markers.put(new TopicPartition(metadata.topic(), metadata.partition()),
                                    new OffsetAndMetadata(batchId, KafkaSink.MARKER));
                        }
                    });
                }
                if (failure.get() != null) {
                    throw failure.get();
                }
            } catch (Exception e) {
                throw failed(e);
            }
        }

        @Override
        public void commit() {
            if (!inTransaction) {
                return;
            }
            try {
                producer.flush();
                if (failure.get() != null) {
                    throw failure.get();
                }
                producer.sendOffsetsToTransaction(markers, new ConsumerGroupMetadata(markerGroup));
                producer.commitTransaction();
                inTransaction = false;
                lastCommittedBatch = batchId;
            } catch (Exception e) {
                throw failed(e);
            }
        }

        @Override
        public void abort(Throwable cause) {
            if (inTransaction) {
                inTransaction = false;
                TransactionalDelivery.this.abort();
            }
        }

        private KafkaConnectorException failed(Exception e) {
            if (e instanceof KafkaConnectorException k) {
                return k;
            }
            inTransaction = false;
            if (e instanceof ProducerFencedException || e instanceof InvalidProducerEpochException) {
                broken = true;
                return new KafkaConnectorException("KAFKA_SINK_FENCED", "Batch " + batchId + " was not written: another"
                        + " run of this query took over transactional.id " + transactionalId + ".", "55000", e);
            }
            TransactionalDelivery.this.abort();
            return new KafkaConnectorException("KAFKA_SINK_WRITE_FAILED", "Writing batch " + batchId + " to Kafka in a"
                    + " transaction (transactional.id " + transactionalId + ") failed; the transaction was aborted: " + e,
                    "58030", e);
        }
    }

    private void abort() {
        try {
            producer.abortTransaction();
        } catch (KafkaException | IllegalStateException e) {
            broken = true;
        }
    }

    /** The {@code transactional.id} used (for tests and logs). */
    String transactionalId() {
        return transactionalId;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    @Override
    public String toString() {
        return "TransactionalDelivery[" + base + "]";
    }
}
