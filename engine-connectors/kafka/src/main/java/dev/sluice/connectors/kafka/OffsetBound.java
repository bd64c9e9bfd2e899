package dev.sluice.connectors.kafka;

import java.util.Map;
import java.util.SortedMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Where reading starts or ends, as given by {@code startingOffsets}/{@code endingOffsets} or the timestamp
 * options (Spark's {@code KafkaOffsetRangeLimit}). Immutable values.
 */
sealed interface OffsetBound {
    /** Offset meaning "earliest" in the JSON form. */
    long EARLIEST = -2;
    /** Offset meaning "latest" in the JSON form. */
    long LATEST = -1;

    /** The first offset still in the log of every partition. */
    record Earliest() implements OffsetBound {
    }

    /** The offset after the last record of every partition (the last stable offset under read_committed). */
    record Latest() implements OffsetBound {
    }

    /** Explicit offsets per partition; {@link #EARLIEST} and {@link #LATEST} stand for those bounds. */
    record Specific(SortedMap<TopicPartition, Long> offsets) implements OffsetBound {
        public Specific {
            offsets = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(offsets));
        }
    }

    /** The first offset whose record timestamp is at or after {@code timestampMs}, in every partition. */
    record GlobalTimestamp(long timestampMs) implements OffsetBound {
    }

    /** The first offset at or after a timestamp, per partition. */
    record TimestampPerPartition(Map<TopicPartition, Long> timestamps) implements OffsetBound {
        public TimestampPerPartition {
            timestamps = Map.copyOf(timestamps);
        }
    }
}
