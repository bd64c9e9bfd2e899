package dev.sluice.connectors.kafka;

import dev.sluice.batch.Chunk;
import dev.sluice.spi.BatchWriter;
import dev.sluice.connectors.support.SinkCheckpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * non-empty batch, carrying a batch-id marker committed to a dedicated consumer group.
 *
 * <p>Real time: a writer's {@link BatchWriter#commit() commit} runs on the engine's committer thread
 * ({@link BatchWriter#commitsOffThread()}) while the next epoch's writer already receives rows on the query thread.
 * The producer has one transaction at a time, so the next writer keeps its records in memory while the previous
 * writer's transaction is still open and sends them (beginning its own transaction) at its first write or flush
 * after that commit ended, at the latest in its own commit. Its rows are invisible until its own commit anyway, so
 * holding them costs no latency, and each epoch stays exactly one transaction, committed in epoch order.
 *
 * <p>Threading: {@link #open} and a writer's {@code flush}/{@code abort} on the query thread; {@code write} on
 * the query thread (real time) or on the engine's workers (micro-batches, {@link BatchWriter#writesOnWorkers()}:
 * one call at a time, in order, each happening-before the next and before the commit); a writer's {@code commit}
 * on the query thread (micro-batches) or the committer thread (real time), after its last write; the producer is
 * thread-safe and its transactional calls never overlap (a writer begins only after the previous one settled; a
 * micro-batch's {@code beginTransaction} runs in its first write, whichever thread that is on).
 */
final class TransactionalDelivery implements KafkaSink.Delivery {
    private final String base;
    private final String transactionalId;
    private final String markerGroup;
    private final KafkaProducer<byte[], byte[]> producer;
    private final ProducerRecordProjection projection;
    /** The producer's {@code transaction.timeout.ms}: a transaction open longer is aborted by the broker. */
    private final long transactionTimeoutMs;
    private volatile long lastCommittedBatch;
    private volatile boolean broken;
    /** The last writer opened: the next one holds its records while this one's transaction is open. */
    private TransactionWriter last;

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
        this.transactionTimeoutMs = transactionTimeoutMs(props);
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
        TransactionWriter previous = last;
        last = new TransactionWriter(batchId, previous);
        return last;
    }

    /**
     * One batch as one transaction, begun with the first non-empty chunk (an empty batch writes nothing) and
     * committed, with the batch's markers, by {@link #commit()}.
     */
    private final class TransactionWriter implements BatchWriter {
        private final long batchId;
        private final Map<TopicPartition, OffsetAndMetadata> markers = new ConcurrentHashMap<>();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        /** Set on the query thread when the transaction begins, cleared by commit or abort (either thread). */
        private volatile boolean inTransaction;
        /** When the transaction began ({@link System#nanoTime()}), to tell a timed-out transaction from a fenced one. */
        private volatile long beganNanos;
        /**
         * Set when this writer's commit or abort ended: only then may the next writer begin a transaction (a writer
         * that still holds every record has none open, yet its transaction is still to come).
         */
        private volatile boolean settled;
        /** The previous epoch's writer until it is settled (then null). */
        private TransactionWriter previous;
        /** Records held while {@link #previous} is still committing. */
        private final List<ProducerRecord<byte[], byte[]>> held = new ArrayList<>();

        TransactionWriter(long batchId, TransactionWriter previous) {
            this.batchId = batchId;
            this.previous = previous;
        }

        @Override
        public void write(Chunk chunk) {
            if (chunk.rowCount() == 0) {
                return;
            }
            try {
                if (previousOpen()) {
                    held.addAll(projection.records(chunk));
                    return;
                }
                sendHeld();
                for (ProducerRecord<byte[], byte[]> record : projection.records(chunk)) {
                    send(record);
                }
                if (failure.get() != null) {
                    throw failure.get();
                }
            } catch (Exception e) {
                throw failed(e);
            }
        }

        /** Whether the previous epoch's writer is not settled yet (its commit runs on the committer). */
        private boolean previousOpen() {
            if (previous != null && previous.settled) {
                previous = null;
            }
            return previous != null;
        }

        /** Once the previous transaction settled: begins this one with the records held meanwhile. */
        private void sendHeld() {
            if (held.isEmpty() || previousOpen()) {
                return;
            }
            for (ProducerRecord<byte[], byte[]> record : held) {
                send(record);
            }
            held.clear();
        }

        private void send(ProducerRecord<byte[], byte[]> record) {
            if (!inTransaction) {
                producer.beginTransaction();
                beganNanos = System.nanoTime();
                inTransaction = true;
            }
            producer.send(record, (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                } else {
                    markers.put(new TopicPartition(metadata.topic(), metadata.partition()),
                            new OffsetAndMetadata(batchId, KafkaSink.MARKER));
                }
            });
        }

        /** Real time: records held behind the previous epoch's commit go out as soon as it ended. */
        @Override
        public void flush() {
            try {
                sendHeld();
            } catch (Exception e) {
                throw failed(e);
            }
        }

        /** Micro-batches: sending runs where the chunks are produced (one write at a time, in order). */
        @Override
        public boolean writesOnWorkers() {
            return true;
        }

        /**
         * Real time: runs on the committer after the epoch's offset entry, while the next epoch's writer holds
         * its records until this transaction is settled.
         */
        @Override
        public boolean commitsOffThread() {
            return true;
        }

        @Override
        public void commit() {
            try {
                if (!held.isEmpty()) {
                    // the committer ran the previous epoch's commit first, so it is settled
                    if (previousOpen()) {
                        throw new IllegalStateException("batch " + batchId + " commits before batch "
                                + previous.batchId + " settled");
                    }
                    sendHeld();
                }
                if (!inTransaction) {
                    return;
                }
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
            } finally {
                settled = true;
            }
        }

        @Override
        public void abort(Throwable cause) {
            held.clear();
            if (inTransaction) {
                TransactionalDelivery.this.abort();
                inTransaction = false;
            }
            settled = true;
        }

        private KafkaConnectorException failed(Exception e) {
            if (e instanceof KafkaConnectorException k) {
                return k;
            }
            held.clear();
            if (e instanceof ProducerFencedException || e instanceof InvalidProducerEpochException) {
                long openMs = inTransaction ? (System.nanoTime() - beganNanos) / 1_000_000 : 0;
                inTransaction = false;
                broken = true;
                return fenced(batchId, transactionalId, openMs, transactionTimeoutMs, e);
            }
            if (inTransaction) {
                TransactionalDelivery.this.abort();
                inTransaction = false;
            }
            return new KafkaConnectorException("KAFKA_SINK_WRITE_FAILED", "Writing batch " + batchId + " to Kafka in a"
                    + " transaction (transactional.id " + transactionalId + ") failed; the transaction was aborted: " + e,
                    "58030", e);
        }
    }

    /**
     * The error of a batch whose producer lost its epoch. The broker bumps the epoch both when another run of the
     * query initializes the same {@code transactional.id} and when it aborts a transaction that stayed open longer
     * than {@code transaction.timeout.ms}; a transaction open at least that long is reported as the timeout, with
     * the options that fix it, the other as a takeover.
     */
    static KafkaConnectorException fenced(long batchId, String transactionalId, long openMs, long timeoutMs,
            Throwable cause) {
        if (openMs >= timeoutMs) {
            return new KafkaConnectorException("KAFKA_SINK_TRANSACTION_TIMED_OUT", "Batch " + batchId + " was not"
                    + " written: its transaction (transactional.id " + transactionalId + ") was open for " + openMs
                    + " ms, longer than the producer's transaction.timeout.ms (" + timeoutMs + " ms), and the broker"
                    + " aborted it. Raise the option kafka.transaction.timeout.ms (at most the broker's"
                    + " transaction.max.timeout.ms) or make batches smaller (maxOffsetsPerTrigger, maxFilesPerTrigger),"
                    + " then restart the query.", "57014", cause);
        }
        return new KafkaConnectorException("KAFKA_SINK_FENCED", "Batch " + batchId + " was not written: another"
                + " run of this query took over transactional.id " + transactionalId + ".", "55000", cause);
    }

    /** {@code transaction.timeout.ms} as the producer reads it (Kafka's default, 60 s, when not set). */
    static long transactionTimeoutMs(Map<String, Object> producerProps) {
        Object value = producerProps.get(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
        if (value == null) {
            return 60_000L;
        }
        return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
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
