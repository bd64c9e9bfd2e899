package dev.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.junit.jupiter.api.Test;

/**
 * A producer that lost its epoch is reported by why it most likely lost it: the broker bumps the epoch when it
 * aborts a transaction open longer than {@code transaction.timeout.ms}, and when another run of the query takes the
 * same {@code transactional.id} over. (A real broker aborts timed-out transactions only on its periodic cleanup
 * check, every 10 s by default, which no CI-sized test should wait for; so the decision is tested here.)
 */
class TransactionTimeoutErrorTest {
    private static final InvalidProducerEpochException EPOCH = new InvalidProducerEpochException("epoch bumped");

    @Test
    void aTransactionOpenLongerThanTheTimeoutNamesTheTimeoutAndTheOptionsThatFixIt() {
        KafkaConnectorException error = TransactionalDelivery.fenced(7, "sluice-q-0", 61_250, 60_000, EPOCH);

        assertThat(error.getCondition()).isEqualTo("KAFKA_SINK_TRANSACTION_TIMED_OUT");
        assertThat(error.getMessage())
                .contains("Batch 7 was not written")
                .contains("open for 61250 ms")
                .contains("transaction.timeout.ms (60000 ms)")
                .contains("kafka.transaction.timeout.ms")
                .contains("maxOffsetsPerTrigger");
        assertThat(error.getCause()).isSameAs(EPOCH);
    }

    @Test
    void aTransactionLostBeforeItsTimeoutIsATakeoverByAnotherRun() {
        KafkaConnectorException error = TransactionalDelivery.fenced(7, "sluice-q-0", 1_200, 60_000, EPOCH);

        assertThat(error.getCondition()).isEqualTo("KAFKA_SINK_FENCED");
        assertThat(error.getMessage()).contains(
                "Batch 7 was not written: another run of this query took over transactional.id sluice-q-0.");
    }

    @Test
    void theTimeoutIsReadAsTheProducerReadsIt() {
        Map<String, Object> props = new HashMap<>();
        assertThat(TransactionalDelivery.transactionTimeoutMs(props)).isEqualTo(60_000L);
        props.put("transaction.timeout.ms", "900000");
        assertThat(TransactionalDelivery.transactionTimeoutMs(props)).isEqualTo(900_000L);
        props.put("transaction.timeout.ms", 5000);
        assertThat(TransactionalDelivery.transactionTimeoutMs(props)).isEqualTo(5_000L);
    }
}
