package dev.sluice.connectors.kafka;

import dev.sluice.connectors.support.Redaction;
import dev.sluice.spi.Options;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka source's options, parsed and checked once when the query is defined (Spark's names):
 * {@code kafka.bootstrap.servers} and any {@code kafka.*} consumer property; one of {@code subscribe},
 * {@code subscribePattern}, {@code assign}; {@code startingOffsets} (default {@code latest} for streams,
 * {@code earliest} for batch reads), {@code startingTimestamp}, {@code startingOffsetsByTimestamp},
 * {@code startingOffsetsByTimestampStrategy} ({@code error}|{@code latest}); batch only:
 * {@code endingOffsets} (default {@code latest}), {@code endingTimestamp}, {@code endingOffsetsByTimestamp};
 * {@code maxOffsetsPerTrigger}, {@code minOffsetsPerTrigger}, {@code maxTriggerDelay} (default 15m);
 * {@code failOnDataLoss} (default true), {@code includeHeaders} (default false), {@code groupIdPrefix},
 * {@code kafkaConsumer.pollTimeoutMs} (default 120000), {@code fetchOffset.numRetries} (3),
 * {@code fetchOffset.retryIntervalMs} (1000). Immutable.
 */
final class KafkaSourceOptions {
    private static final List<String> STRATEGIES = List.of("subscribe", "subscribePattern", "assign");

    final Map<String, Object> kafkaParams;
    final TopicSelection topics;
    final OffsetBound starting;
    final OffsetBound ending;
    final boolean startingByTimestampFallsBackToLatest;
    final long maxOffsetsPerTrigger;
    final long minOffsetsPerTrigger;
    final long maxTriggerDelayMs;
    final boolean failOnDataLoss;
    final boolean includeHeaders;
    final String groupId;
    final long pollTimeoutMs;
    final int fetchOffsetRetries;
    final long fetchOffsetRetryIntervalMs;

    private KafkaSourceOptions(Map<String, String> options, boolean streaming) {
        kafkaParams = Collections.unmodifiableMap(KafkaParams.clientProperties(options));
        KafkaParams.requireBootstrapServers(kafkaParams, "consumer");
        KafkaParams.reject(kafkaParams, "auto.offset.reset", "instead set the source option 'startingOffsets' to"
                + " 'earliest' or 'latest' to specify where to start.");
        KafkaParams.reject(kafkaParams, "key.deserializer", "keys are always read as byte arrays; use DataFrame"
                + " operations to deserialize them.");
        KafkaParams.reject(kafkaParams, "value.deserializer", "values are always read as byte arrays; use DataFrame"
                + " operations to deserialize them.");
        KafkaParams.reject(kafkaParams, "enable.auto.commit", "the source does not commit any offsets to Kafka; its"
                + " offsets live in the checkpoint.");
        KafkaParams.reject(kafkaParams, "interceptor.classes", "the source reads raw bytes only.");
        KafkaParams.validate(kafkaParams, "consumer");
        topics = topicSelection(options);
        startingByTimestampFallsBackToLatest = parseTimestampStrategy(options);
        starting = bound(options, "starting", streaming ? new OffsetBound.Latest() : new OffsetBound.Earliest());
        ending = streaming ? new OffsetBound.Latest() : bound(options, "ending", new OffsetBound.Latest());
        checkBounds(options, streaming);
        maxOffsetsPerTrigger = positiveLong(options, "maxOffsetsPerTrigger", Long.MAX_VALUE);
        minOffsetsPerTrigger = positiveLong(options, "minOffsetsPerTrigger", 0);
        maxTriggerDelayMs = KafkaParams.durationMs(Options.get(options, "maxTriggerDelay", "15m"), "maxTriggerDelay");
        if (minOffsetsPerTrigger > maxOffsetsPerTrigger) {
            throw KafkaErrors.invalidOption("The value of minOffsetsPerTrigger (" + minOffsetsPerTrigger + ") is higher"
                    + " than the maxOffsetsPerTrigger (" + maxOffsetsPerTrigger + ").");
        }
        failOnDataLoss = bool(options, "failOnDataLoss", true);
        includeHeaders = bool(options, "includeHeaders", false);
        Object configuredGroup = KafkaParams.get(kafkaParams, "group.id");
        groupId = configuredGroup != null ? configuredGroup.toString()
                : Options.get(options, "groupIdPrefix", streaming ? "spark-kafka-source" : "spark-kafka-relation") + "-"
                + UUID.randomUUID();
        pollTimeoutMs = positiveLong(options, "kafkaConsumer.pollTimeoutMs", 120_000);
        fetchOffsetRetries = (int) positiveLong(options, "fetchOffset.numRetries", 3);
        fetchOffsetRetryIntervalMs = positiveLong(options, "fetchOffset.retryIntervalMs", 1000);
    }

    /** The options of {@code readStream().format("kafka")}. */
    static KafkaSourceOptions forStream(Map<String, String> options) {
        for (String batchOnly : List.of("endingOffsets", "endingTimestamp", "endingOffsetsByTimestamp")) {
            if (Options.get(options, batchOnly, null) != null) {
                throw KafkaErrors.invalidOption("Option '" + batchOnly + "' is only for batch queries (read());"
                        + " a stream never ends.");
            }
        }
        return new KafkaSourceOptions(options, true);
    }

    /** The options of a batch read. */
    static KafkaSourceOptions forBatch(Map<String, String> options) {
        for (String streamOnly : List.of("maxOffsetsPerTrigger", "minOffsetsPerTrigger", "maxTriggerDelay")) {
            if (Options.get(options, streamOnly, null) != null) {
                throw KafkaErrors.invalidOption("Option '" + streamOnly + "' is only for streaming queries.");
            }
        }
        return new KafkaSourceOptions(options, false);
    }

    private static TopicSelection topicSelection(Map<String, String> options) {
        List<String> given = STRATEGIES.stream().filter(s -> Options.get(options, s, null) != null).toList();
        if (given.isEmpty()) {
            throw KafkaErrors.invalidOption("One of the following options must be specified for Kafka source: "
                    + String.join(", ", STRATEGIES) + ". See the docs for more details.");
        }
        if (given.size() > 1) {
            throw KafkaErrors.invalidOption("Only one of the following options can be specified for Kafka source: "
                    + String.join(", ", STRATEGIES) + ". Given: " + String.join(", ", given) + ".");
        }
        String value = Options.get(options, given.get(0), null).trim();
        switch (given.get(0)) {
            case "subscribe" -> {
                List<String> names = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
                if (names.isEmpty()) {
                    throw KafkaErrors.invalidOption("No topics to subscribe to: option 'subscribe' is '" + value + "'.");
                }
                return new TopicSelection.Subscribe(names);
            }
            case "subscribePattern" -> {
                if (value.isEmpty()) {
                    throw KafkaErrors.invalidOption("Pattern to subscribe is empty: option 'subscribePattern'.");
                }
                try {
                    return new TopicSelection.SubscribePattern(Pattern.compile(value));
                } catch (PatternSyntaxException e) {
                    throw KafkaErrors.invalidOption("Option 'subscribePattern' is not a valid regular expression: "
                            + e.getMessage());
                }
            }
            default -> {
                List<TopicPartition> partitions;
                try {
                    partitions = PartitionOffsets.partitionsFromJson(value, "option 'assign'");
                } catch (IllegalArgumentException e) {
                    throw KafkaErrors.invalidOption(e.getMessage());
                }
                if (partitions.isEmpty()) {
                    throw KafkaErrors.invalidOption("No topic-partitions to assign: option 'assign' is '" + value + "'.");
                }
                return new TopicSelection.Assign(partitions);
            }
        }
    }

    private static boolean parseTimestampStrategy(Map<String, String> options) {
        String strategy = Options.get(options, "startingOffsetsByTimestampStrategy", "error").trim()
                .toLowerCase(Locale.ROOT);
        return switch (strategy) {
            case "error" -> false;
            case "latest" -> true;
            default -> throw KafkaErrors.invalidOption("Option 'startingOffsetsByTimestampStrategy' must be 'error' or"
                    + " 'latest', got '" + strategy + "'.");
        };
    }

    /** startingTimestamp > startingOffsetsByTimestamp > startingOffsets, as Spark. */
    private static OffsetBound bound(Map<String, String> options, String prefix, OffsetBound defaultBound) {
        String globalTimestamp = Options.get(options, prefix + "Timestamp", null);
        if (globalTimestamp != null) {
            return new OffsetBound.GlobalTimestamp(parseLong(globalTimestamp, prefix + "Timestamp"));
        }
        String perPartition = Options.get(options, prefix + "OffsetsByTimestamp", null);
        if (perPartition != null) {
            try {
                return new OffsetBound.TimestampPerPartition(PartitionOffsets.fromJson(perPartition,
                        "option '" + prefix + "OffsetsByTimestamp'"));
            } catch (IllegalArgumentException e) {
                throw KafkaErrors.invalidOption(e.getMessage());
            }
        }
        String offsets = Options.get(options, prefix + "Offsets", null);
        if (offsets == null) {
            return defaultBound;
        }
        String text = offsets.trim();
        switch (text.toLowerCase(Locale.ROOT)) {
            case "earliest":
                return new OffsetBound.Earliest();
            case "latest":
                return new OffsetBound.Latest();
            default:
                try {
                    return new OffsetBound.Specific(PartitionOffsets.fromJson(text, "option '" + prefix + "Offsets'"));
                } catch (IllegalArgumentException e) {
                    throw KafkaErrors.invalidOption("Option '" + prefix + "Offsets' must be 'earliest', 'latest' or JSON"
                            + " per partition: " + e.getMessage());
                }
        }
    }

    private void checkBounds(Map<String, String> options, boolean streaming) {
        if (streaming) {
            return;
        }
        if (starting instanceof OffsetBound.Latest) {
            throw KafkaErrors.invalidOption("Starting offset can't be latest for batch queries on Kafka.");
        }
        if (starting instanceof OffsetBound.Specific s && s.offsets().containsValue(OffsetBound.LATEST)) {
            throw KafkaErrors.invalidOption("Starting offset for " + keysWith(s, OffsetBound.LATEST) + " can't be latest"
                    + " (-1) for batch queries on Kafka.");
        }
        if (ending instanceof OffsetBound.Earliest) {
            throw KafkaErrors.invalidOption("Ending offset can't be earliest for batch queries on Kafka.");
        }
        if (ending instanceof OffsetBound.Specific s && s.offsets().containsValue(OffsetBound.EARLIEST)) {
            throw KafkaErrors.invalidOption("Ending offset for " + keysWith(s, OffsetBound.EARLIEST) + " can't be"
                    + " earliest (-2) for batch queries on Kafka.");
        }
    }

    private static List<TopicPartition> keysWith(OffsetBound.Specific s, long value) {
        List<TopicPartition> out = new ArrayList<>();
        s.offsets().forEach((tp, v) -> {
            if (v == value) {
                out.add(tp);
            }
        });
        return out;
    }

    private static long positiveLong(Map<String, String> options, String key, long defaultValue) {
        String text = Options.get(options, key, null);
        if (text == null) {
            return defaultValue;
        }
        long value = parseLong(text, key);
        if (value <= 0) {
            throw KafkaErrors.invalidOption("Option '" + key + "' must be a positive integer, got '" + text + "'.");
        }
        return value;
    }

    private static long parseLong(String text, String key) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw KafkaErrors.invalidOption("Option '" + key + "' must be an integer, got '" + text + "'.");
        }
    }

    private static boolean bool(Map<String, String> options, String key, boolean defaultValue) {
        String text = Options.get(options, key, null);
        if (text == null) {
            return defaultValue;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw KafkaErrors.invalidOption("Option '" + key + "' must be true or false, got '" + text + "'.");
        };
    }

    /** The isolation level the consumer reads with (and offsets are listed with). */
    boolean readCommitted() {
        Object level = KafkaParams.get(kafkaParams, "isolation.level");
        return level != null && level.toString().trim().equalsIgnoreCase("read_committed");
    }

    @Override
    public String toString() {
        return "KafkaSourceOptions" + Redaction.redact(kafkaParams) + " " + topics.describe();
    }
}
