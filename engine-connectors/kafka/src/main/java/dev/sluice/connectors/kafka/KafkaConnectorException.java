package dev.sluice.connectors.kafka;

import dev.sluice.sql.SluiceException;

/**
 * A failure of the Kafka connector at run time (data loss, unreachable broker, rejected write), with a
 * Spark 4 error class such as {@code KAFKA_DATA_LOSS.COULD_NOT_READ_OFFSET_RANGE}. Messages name the
 * topic-partition and offsets involved and never contain option values that may be secrets.
 */
public class KafkaConnectorException extends SluiceException {
    private static final long serialVersionUID = 1L;

    public KafkaConnectorException(String condition, String message, String sqlState, Throwable cause) {
        super(condition, message, sqlState, cause);
    }
}
