package dev.sluice.connectors.kafka;

import dev.sluice.sql.AnalysisException;
import java.util.Collection;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/** Factories for the Kafka connector's errors, with Spark 4's error classes and texts. Stateless. */
final class KafkaErrors {
    private static final String DATA_LOSS_PREFIX = "Some data may have been lost because they are not available in"
            + " Kafka any more; either the data was aged out by Kafka or the topic may have been deleted before all"
            + " the data in the topic was processed. If you don't want your streaming query to fail on such cases,"
            + " set the source option failOnDataLoss to false.\nReason: ";

    private KafkaErrors() {
    }

    /** An invalid or conflicting option, raised when the query is defined. */
    static AnalysisException invalidOption(String message) {
        return new AnalysisException("KAFKA_INVALID_OPTION", message, "42616");
    }

    static KafkaConnectorException dataLoss(String subClass, String reason) {
        return new KafkaConnectorException("KAFKA_DATA_LOSS." + subClass, DATA_LOSS_PREFIX + reason, "22000", null);
    }

    static KafkaConnectorException couldNotReadOffsetRange(TopicPartition tp, long start, long end, long earliest,
                                                           long latest) {
        return dataLoss("COULD_NOT_READ_OFFSET_RANGE", "Could not read records in offset [" + start + ", " + end
                + ") for topic partition " + tp + ": the partition now holds offsets [" + earliest + ", " + latest + ").");
    }

    static KafkaConnectorException partitionsDeleted(Collection<TopicPartition> partitions) {
        return dataLoss("PARTITIONS_DELETED", "Partitions " + sorted(partitions) + " have been deleted.");
    }

    static KafkaConnectorException startOffsetReset(TopicPartition tp, long offset, long fetchedOffset) {
        return dataLoss("START_OFFSET_RESET", "Starting offset for " + tp + " was " + offset + " but it is "
                + fetchedOffset + " now.");
    }

    static KafkaConnectorException addedPartitionDoesNotStartFromZero(TopicPartition tp, long startOffset) {
        return dataLoss("ADDED_PARTITION_DOES_NOT_START_FROM_OFFSET_ZERO", "Added partition " + tp + " starts from "
                + startOffset + " instead of 0.");
    }

    static KafkaConnectorException initialOffsetNotFound(Collection<TopicPartition> partitions) {
        return dataLoss("INITIAL_OFFSET_NOT_FOUND_FOR_PARTITIONS", "Cannot find initial offsets for partitions "
                + sorted(partitions) + ". They may have been deleted.");
    }

    static KafkaConnectorException broker(String what, Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root != root.getCause()) {
            root = root.getCause();
        }
        return new KafkaConnectorException("KAFKA_BROKER_ERROR", what + ": " + root.getClass().getSimpleName() + ": "
                + root.getMessage(), "58030", cause);
    }

    static TreeSet<String> sorted(Collection<TopicPartition> partitions) {
        TreeSet<String> names = new TreeSet<>();
        partitions.forEach(tp -> names.add(tp.toString()));
        return names;
    }
}
