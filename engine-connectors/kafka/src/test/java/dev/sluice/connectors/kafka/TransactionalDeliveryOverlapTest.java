package dev.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.analysis.JavaValues;
import dev.sluice.batch.Chunk;
import dev.sluice.spi.BatchWriter;
import dev.sluice.spi.SinkContext;
import dev.sluice.sql.RowFactory;
import dev.sluice.sql.streaming.OutputMode;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;

/**
 * The exactly-once sink in real time: an epoch's transaction commits on the engine's committer thread while the
 * next epoch's writer already receives rows. Those rows must not join the committing transaction: they are held
 * and sent in the next transaction once the previous one is settled, so each epoch stays one transaction and the
 * commits come in epoch order.
 */
class TransactionalDeliveryOverlapTest extends KafkaTestSupport {
    private static final StructType SCHEMA = new StructType().add("value", DataTypes.StringType);

    private List<Chunk> chunk(String... values) {
        return JavaValues.toChunks(java.util.Arrays.stream(values).map(v -> RowFactory.create(v)).toList(), SCHEMA,
                ZoneOffset.UTC);
    }

    private TransactionalDelivery delivery(String out, String prefix) {
        KafkaSinkOptions options = new KafkaSinkOptions(new SinkContext(spark, SCHEMA, Map.of(
                "kafka.bootstrap.servers", servers(), "topic", out, "deliveryGuarantee", "exactly_once",
                "transactionalIdPrefix", prefix, "kafka.linger.ms", "0"), OutputMode.Append(), null));
        return new TransactionalDelivery(options, new ProducerRecordProjection(SCHEMA, out));
    }

    /** Waits until a read_committed reader sees exactly {@code rows} (the markers follow the commit). */
    private void visible(String out, String... rows) {
        eventually("read_committed readers see " + List.of(rows), () -> values(out, true).equals(List.of(rows)));
    }

    private long committedMarker(String prefix) throws Exception {
        try (Admin admin = kafka.admin()) {
            long last = -1;
            for (OffsetAndMetadata o : admin.listConsumerGroupOffsets(prefix + "-commits")
                    .partitionsToOffsetAndMetadata().get().values()) {
                last = Math.max(last, o.offset());
            }
            return last;
        }
    }

    @Test
    void theNextEpochsRowsWaitOutsideTheCommittingTransaction() throws Exception {
        String out = topic("eo-overlap", 1);
        String prefix = "overlap-" + out;
        try (TransactionalDelivery delivery = delivery(out, prefix)) {
            BatchWriter epoch0 = delivery.open(0);
            assertThat(epoch0.commitsOffThread()).isTrue();
            chunk("a", "b").forEach(epoch0::write);
            epoch0.flush();

            // epoch 0 is over but not committed yet (its commit waits for the committer): epoch 1 writes meanwhile
            BatchWriter epoch1 = delivery.open(1);
            chunk("c").forEach(epoch1::write);
            epoch1.flush();

            CompletableFuture.runAsync(epoch0::commit).get(60, TimeUnit.SECONDS); // the committer thread
            visible(out, "a", "b");
            assertThat(committedMarker(prefix)).isEqualTo(0);

            // once epoch 0 is settled, the held row goes out in epoch 1's own transaction with the next ones
            chunk("d").forEach(epoch1::write);
            // epoch 1 fails: its transaction, holding c and d only, is aborted; epoch 0's rows stay once
            epoch1.abort(new IllegalStateException("epoch 1 failed"));
            assertThat(values(out, true)).containsExactly("a", "b");

            BatchWriter again = delivery.open(1);
            chunk("c", "d").forEach(again::write);
            BatchWriter epoch2 = delivery.open(2);
            chunk("e").forEach(epoch2::write); // held until epoch 1's commit ended
            CompletableFuture.runAsync(() -> {
                again.commit();
                epoch2.commit(); // commits on the committer in epoch order; sends what it held first
            }).get(60, TimeUnit.SECONDS);
            visible(out, "a", "b", "c", "d", "e");
            assertThat(committedMarker(prefix)).isEqualTo(2);
        }
    }

    @Test
    void aWriterThatHeldEverythingStillComesBeforeTheNextOne() throws Exception {
        String out = topic("eo-chain", 1);
        String prefix = "chain-" + out;
        try (TransactionalDelivery delivery = delivery(out, prefix)) {
            BatchWriter epoch0 = delivery.open(0);
            chunk("a").forEach(epoch0::write);
            BatchWriter epoch1 = delivery.open(1);
            chunk("b").forEach(epoch1::write); // held: epoch 0 is committing
            BatchWriter epoch2 = delivery.open(2); // epoch 1 ended while epoch 0 still commits
            CompletableFuture.runAsync(epoch0::commit).get(60, TimeUnit.SECONDS);
            // epoch 1 has no transaction open yet but is not settled: epoch 2 must not begin before it
            chunk("c").forEach(epoch2::write);
            epoch2.flush();
            CompletableFuture.runAsync(epoch1::commit).get(60, TimeUnit.SECONDS);
            visible(out, "a", "b");
            assertThat(committedMarker(prefix)).isEqualTo(1);
            CompletableFuture.runAsync(epoch2::commit).get(60, TimeUnit.SECONDS);
            visible(out, "a", "b", "c");
            assertThat(committedMarker(prefix)).isEqualTo(2);
        }
    }

    @Test
    void aWriterWithNothingCommittingBeforeItSendsAtOnce() throws Exception {
        String out = topic("eo-direct", 1);
        String prefix = "direct-" + out;
        try (TransactionalDelivery delivery = delivery(out, prefix)) {
            BatchWriter epoch0 = delivery.open(0);
            chunk("a").forEach(epoch0::write);
            epoch0.commit(); // micro-batch order: committed on this thread before the next batch opens
            BatchWriter batch1 = delivery.open(1);
            chunk("b").forEach(batch1::write);
            batch1.commit();
            visible(out, "a", "b");
            // read_uncommitted readers see no duplicate either: nothing was held back and resent
            assertThat(values(out, false)).containsExactly("a", "b");
        }
    }
}
