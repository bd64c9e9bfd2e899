package dev.sluice.connectors.kafka;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;

/**
 * Which partitions the source reads: {@code subscribe} (topics, all their partitions, new partitions
 * included), {@code subscribePattern} (every topic whose whole name matches, new topics included) or
 * {@code assign} (a fixed set of partitions). The source always reads by manual assignment; no consumer
 * group membership is involved. Immutable values.
 */
sealed interface TopicSelection {
    /** Spark's text in progress reports, e.g. {@code Subscribe[facturas]}. */
    String describe();

    record Subscribe(List<String> topics) implements TopicSelection {
        public Subscribe {
            topics = List.copyOf(topics);
        }

        @Override
        public String describe() {
            return "Subscribe[" + String.join(",", topics) + "]";
        }
    }

    record SubscribePattern(Pattern pattern) implements TopicSelection {
        @Override
        public String describe() {
            return "SubscribePattern[" + pattern.pattern() + "]";
        }
    }

    record Assign(List<TopicPartition> partitions) implements TopicSelection {
        public Assign {
            partitions = List.copyOf(partitions);
        }

        @Override
        public String describe() {
            return "Assign[" + String.join(",", partitions.stream().map(TopicPartition::toString).toList()) + "]";
        }
    }
}
