package dev.sluice.connectors.kafka;

import dev.sluice.spi.Offset;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka source's position: for every topic-partition the offset of the next record to read (exclusive
 * end of what has been handed out), written to the offset log in Spark's format
 * {@code {"topic":{"0":23,"1":17}}}. Immutable.
 */
public final class KafkaSourceOffset implements Offset {
    private final SortedMap<TopicPartition, Long> offsets;
    private final String json;

    public KafkaSourceOffset(Map<TopicPartition, Long> offsets) {
        TreeMap<TopicPartition, Long> copy = PartitionOffsets.newMap();
        copy.putAll(offsets);
        this.offsets = Collections.unmodifiableSortedMap(copy);
        this.json = PartitionOffsets.toJson(copy);
    }

    /** Parses the offset log form. */
    public static KafkaSourceOffset fromJson(String json) {
        return new KafkaSourceOffset(PartitionOffsets.fromJson(json, "the Kafka source offset"));
    }

    /** The next offset to read per topic-partition (ordered by topic, then partition). */
    public SortedMap<TopicPartition, Long> partitionOffsets() {
        return offsets;
    }

    @Override
    public String json() {
        return json;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KafkaSourceOffset k && k.json.equals(json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return json;
    }
}
